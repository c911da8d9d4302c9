# The chapter's requests to the running lesson-03 container (scripts/lesson prints and runs each line).
curl -s http://localhost:8000/health
curl -s http://localhost:8000/label
curl -s http://localhost:8000/predict/test/label
curl -s -X POST http://localhost:8000/predict -H "Content-Type: application/json" -d '{"data": [[5.1, 3.5, 1.4, 0.2]]}'
curl -s -X POST http://localhost:8000/predict/label -H "Content-Type: application/json" -d '{"data": [[5.1, 3.5, 1.4, 0.2], [5.9, 3.0, 4.2, 1.5], [6.3, 2.9, 5.6, 1.8]]}'
curl -s -X POST http://localhost:8000/predict -H "Content-Type: application/json" -d '{"data": [[5.1, 3.5]]}'
