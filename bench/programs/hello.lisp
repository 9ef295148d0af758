(write-line "Hello, world!")
