# The chapter's requests to the running lesson-04 container: liveness, readiness, version.
curl -s http://localhost:8000/health
curl -s http://localhost:8000/ready
curl -s http://localhost:8000/metadata
