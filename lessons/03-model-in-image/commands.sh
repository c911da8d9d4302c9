# The guide's practice sequence ("2. Building the Docker image"), run from the repository root:
# the top-level Dockerfile, the guide's image name, container name, port and requests.
docker build -t model-in-image-pattern:v1.0 .
docker run -d --name test -p 8000:8000 model-in-image-pattern:v1.0
curl http://localhost:8000/health
curl -X POST http://localhost:8000/predict -H "Content-Type: application/json" -d '{"data": [[5.1, 3.5, 1.4, 0.2]]}'
docker stop test && docker rm test
