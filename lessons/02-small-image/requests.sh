# The chapter's requests to the running lesson-02 container.
curl -s http://localhost:8000/health
docker inspect --format '{{.State.Health.Status}}, running as user {{.Config.User}}' workbook-lesson-02
