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

## Where a finding points the learner: the book's sections.

read-case = Troubleshooting, { $kind } case { $nn }: { $title } ({ $link })
read-base = The Dockerfile, built right (book/src/02-small-image/README.md)
read-manifests = kubectl and manifests (book/src/04-kubernetes-basics/kubectl-and-manifests.md)
read-live = Troubleshooting, Kubernetes cases: ask the doctor about a running cluster (book/src/05-troubleshooting/kubernetes.md)
manifest-fix-field = correct the field as the message says; `kubectl apply --dry-run=server` shows what the cluster thinks

## check-manifests: cross-checks between manifests (checks.rs).

labels-none = no labels
origin-workbook = it is one of the workbook's tags, an image you build
origin-pull-never = its imagePullPolicy is Never, so the node must already have it: an image you build and load
origin-local-name = its name has no registry host and no Docker Hub account, so it is an image you build
origin-registry = the cluster pulls it from { $host }
origin-docker-hub = the cluster pulls it from Docker Hub
check-object-has-labels = { $object } has { $labels }
check-service-selects-nothing = { $selector } selects no Pods of these manifests: no Pod template carries these labels ({ $have }); the Service would have no Endpoints
check-service-selects-nothing-fix = make the Service's selector the labels of the Deployment's Pod template (spec.template.metadata.labels); `kubectl get endpoints` then lists the Pods
check-target-port = { $port } is not a containerPort (number or name) of the selected Pods ({ $declared }); traffic would reach nothing
check-target-port-fix = set targetPort to the containerPort the server listens on (or its name, e.g. http)
check-hpa-target-missing = { $target } is not among these manifests (in this namespace); the HPA would scale nothing
check-hpa-no-requests = scales on { $resource } utilization, but container { $container } of { $workload } sets no resources.requests.{ $resource }; kubectl get hpa would show <unknown>
check-hpa-no-requests-fix = give every container resources.requests.cpu (e.g. 250m), and enable metrics-server (minikube addons enable metrics-server)
check-selector-mismatch = { $selector } does not match the Pod template's labels ({ $labels }); the API server refuses this { $kind }
check-image-not-expected = is { $image }, but the image built and loaded is { $expected }
check-image-pin-fix = pin the version you tested: a version tag (NAME:1.2.3) or a digest (NAME@sha256:...)
check-image-load-fix = pin a tag (v1.0, never latest) and set imagePullPolicy: IfNotPresent, then `minikube image load IMAGE`
check-image-unpinned-loaded = { $image } has no tag or :latest, so the pull policy defaults to Always: a locally loaded image would not be used (ImagePullBackOff); pin a tag or set imagePullPolicy: IfNotPresent
check-image-unpinned-pulled = { $image } has no tag or :latest ({ $assumed }): each node pulls whatever is :latest when a Pod starts, so replicas can run different versions, and a new upstream release reaches the cluster unannounced; pin a version tag or a digest
check-pull-always = Always pulls from a registry every time: an image loaded with `minikube image load` is not used ({ $assumed })
check-probe-fails-readiness = the Pod would never be Ready, and the Service would send it nothing
check-probe-fails-startup = the container would be restarted before it ever counts as started
check-probe-fails-liveness = the kubelet would restart the container again and again (CrashLoopBackOff)
check-probe-port = { $port } is not a containerPort of { $container } ({ $declared }); the probe would fail: { $consequence }
check-probe-path = the server does not answer { $path } (it has { $paths })
check-namespace-missing = has no metadata.namespace, so it lands in the namespace kubectl defaults to, not { $main } with the others
check-namespace-other = is { $namespace }, but the other objects are in { $main }
check-namespace-not-created = is { $namespace }, which none of these manifests creates (they create { $declared })
check-declares-no-ports = it declares none
check-declares-ports = it declares { $ports }
