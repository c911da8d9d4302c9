# Test probe: an image whose only content is the build context, to see what .dockerignore lets in.
FROM debian:trixie-slim
COPY . /context
WORKDIR /context
CMD ["ls", "-A"]
