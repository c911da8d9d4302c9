# The container exits at once: its status, then its logs.
docker run -d --name trouble-02 model-in-image-workbook/trouble-02-broken
docker ps -a --filter name=trouble-02 --format '{{.Status}}'
docker logs trouble-02
docker rm trouble-02
