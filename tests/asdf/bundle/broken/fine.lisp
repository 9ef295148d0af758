(bundle-base:note :broken-fine)
