# The guide's basic Docker commands, run from the repository root on lesson 01's image.
docker build -t my-app:v1.0 -f lessons/01-first-container/Dockerfile .
docker run -d --name my-container -p 8000:8000 my-app:v1.0
docker ps
docker logs my-container
docker stop my-container
docker rm my-container
docker images my-app
docker rmi my-app:v1.0
