(error "The uiop.asd of the source tree was loaded: the built-in uiop must win.")
