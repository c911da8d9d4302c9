# The same server, in one stage and in two.
docker images --format 'table {{.Repository}}\t{{.Tag}}\t{{.Size}}' model-in-image-workbook/trouble-06-broken
docker images --format 'table {{.Repository}}\t{{.Tag}}\t{{.Size}}' model-in-image-workbook/trouble-06-fixed
