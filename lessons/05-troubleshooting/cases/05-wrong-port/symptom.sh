# The image declares 8000 and 8000 is published, but the server listens on 8080.
docker run -d --name trouble-05 -p 8000:8000 model-in-image-workbook/trouble-05-broken
docker logs trouble-05
curl -sS http://localhost:8000/health
docker inspect -f '{{.Config.ExposedPorts}} {{.Config.Env}}' trouble-05
docker rm -f trouble-05
