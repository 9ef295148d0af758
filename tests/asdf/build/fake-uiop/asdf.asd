(error "The asdf.asd of the source tree was loaded: the built-in asdf must win.")
