# Docker cannot even start the program.
docker run --rm model-in-image-workbook/trouble-03-broken
