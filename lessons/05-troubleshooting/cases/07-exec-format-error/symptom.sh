# The image is for this machine, the program in it is not.
docker run --rm model-in-image-workbook/trouble-07-broken
docker run --rm model-in-image-workbook/trouble-07-fixed
