# The chapter's request to the running lesson-01 container.
curl -s http://localhost:8000/health
