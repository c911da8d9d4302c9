# The workbook CLI's messages in English (Fluent: https://projectfluent.org/fluent/guide/).
# Every id here has a Japanese one in ../ja/main.ftl (a test checks it). A line's indentation
# and blank lines are composed in Rust, not here.

## The output framing every command shares: a finding, its fix, where to read, summaries.

severity-error = error
severity-warning = warning
severity-hint = hint
frame-fix = fix
frame-read = read
frame-note = note
doctor-summary = doctor: { $dockerfiles } Dockerfiles, { $manifests } Kubernetes objects{ $live }, { $images } images looked at: { $errors } errors, { $warnings } warnings{ $hints }
doctor-summary-live = , { $live } live objects
doctor-summary-hints = , { $hints } hints
doctor-nothing = doctor: nothing to say about your files

## workbook trouble: the troubleshooting lab's exercises.

trouble-no-exercise = there is no exercise { $arg }: give { $range } (`just trouble` lists them)
trouble-range = a number from { $first } to { $last }
trouble-range-none = a case of { $cases }
trouble-case = Case { $nn }: { $title } ({ $link })
trouble-exists = { $folder } already exists, and your work in it is kept.
    Go on editing it and run `just trouble-check { $n }`, or start again from the broken variant with `just trouble-reset { $n }` (which first moves your folder to { $old }).
trouble-cannot-copy = cannot copy to { $folder }: { $error }
trouble-started = exercise { $name }: case { $n }'s broken variant is now yours, in { $folder }:
trouble-symptom-docker = `just lesson-5` builds it and shows its symptom
trouble-symptom-kubernetes = book/src/05-troubleshooting/kubernetes.md shows its symptom
trouble-something-wrong = Something in it is wrong ({ $symptom }). Edit the files there, then:
trouble-what-check = is it fixed? (the same checks as the lab's tests)
trouble-what-hint = a nudge
trouble-kept = your previous attempt is kept in { $kept }
trouble-cannot-move = cannot move { $folder } aside: { $error }
trouble-hint-for = hint for exercise { $name }:
trouble-still-stuck = Still stuck? The book's section on case { $nn }, then the fixed variant: { $fixed }
trouble-progress-foreign = { $path } is not progress this command wrote ({ $error }): move it aside and run the command again
trouble-cannot-read = cannot read { $path }: { $error }
trouble-cannot-write = cannot write { $path }: { $error }
trouble-list-title = Exercises of lesson 5 (`just trouble N` starts one in { $folder }/):
trouble-status-fixed = fixed
trouble-status-not-fixed = not fixed
trouble-status-checked = (checked { $at })
trouble-status-started = started
trouble-status-not-checked = (not checked yet)
trouble-status-not-started = not started
trouble-fixed-count = { $fixed } of { $total } fixed.
trouble-lessons-title = Lessons (their tests, as last run by `just verify N`):
trouble-lesson-passed = passed
trouble-lesson-failed = failed
trouble-lesson-not-run = not run
trouble-lesson-how = (just verify { $n } runs cargo test -p { $package })
trouble-no-lesson = there is no lesson { $arg }: give one of { $numbers }
trouble-cannot-run = cannot run { $program }: { $error }
trouble-verified = lesson { $lesson }: `{ $command }` { $outcome } (recorded in { $path })
trouble-not-started = exercise { $n } is not started: `just trouble { $n }` copies its broken variant to { $folder }
trouble-checking = check { $name }: { $folder }
trouble-own-mistake = the doctor still finds case { $nn }'s mistake
trouble-other-problems = the doctor finds { $count } other { $count ->
        [one] problem
       *[other] problems
    } (the fixed variant has none)
trouble-no-docker = Docker does not answer, and checking a Docker case builds and runs your Dockerfile: start it (`just setup`, or Docker Desktop) and check again
trouble-no-dockerfile = there is no { $path }
trouble-symptom = symptom: { $symptom }
trouble-symptom-still-there = the real symptom is still there
trouble-fixed-docker = the doctor finds nothing, and your image, built and run, no longer shows the symptom
trouble-fixed-kubernetes = the doctor finds nothing in your manifests
trouble-is-fixed = ✓ exercise { $name } is fixed: { $how }. Recorded in { $path }; `just trouble` shows your progress.
trouble-not-fixed = ✗ exercise { $name } is not fixed yet: { $problems }. Edit { $folder } and check again; `just trouble-hint { $n }` gives a nudge.
trouble-building = docker: building { $dockerfile } as { $tag } (the build context is the repository root; the first build compiles the server, later ones take seconds)
trouble-built = docker: built in { $seconds }s
trouble-does-not-build = your Dockerfile does not build; the end of the build log:
trouble-ran = docker run --rm { $tag }:
trouble-run-fails = `docker run --rm { $tag }` fails:
trouble-image-size = docker: the image is { $mb } MB
trouble-image-too-large = the image is { $mb } MB; the multi-stage one is about 110 MB (the check wants at most { $max } MB)
trouble-docker-run-fails = `docker run` fails:
trouble-server-logs = the server logs: { $line }
trouble-exits-at-once = the container exits at once, with code { $code }; `docker logs`:
trouble-never-listens = the server never logs `listening on` ({ $seconds } s); `docker logs`:
trouble-port-not-published = port 8000 is not published ({ $port })
trouble-port-answers = through the published port 8000, GET { $path } answers { $status } { $body }
trouble-port-no-answer = through the published port 8000 ({ $address }), GET { $path } gets no HTTP answer: { $error }
trouble-port-served = through the published port 8000: { $said }
trouble-closed = the connection is closed without an answer (curl says `Connection reset by peer` or `Empty reply from server`)
trouble-no-answer-within = no answer within { $seconds } s
