# The server says it listens, its healthcheck passes inside the container, yet the published port answers nothing.
docker run -d --name trouble-04 -p 8000:8000 model-in-image-workbook/trouble-04-broken
docker logs trouble-04
curl -sS http://localhost:8000/health
docker exec trouble-04 troubleshooting healthcheck && echo 'healthy (inside the container)'
docker rm -f trouble-04
