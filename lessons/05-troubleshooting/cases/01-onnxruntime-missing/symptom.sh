# The container exits at once: its status, then its logs.
docker run -d --name trouble-01 model-in-image-workbook/trouble-01-broken
docker ps -a --filter name=trouble-01 --format '{{.Status}}'
docker logs trouble-01
docker rm trouble-01
