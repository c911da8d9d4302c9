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
doctor-summary = doctor: { $dockerfiles ->
        [one] { $dockerfiles } Dockerfile
       *[other] { $dockerfiles } Dockerfiles
    }, { $manifests ->
        [one] { $manifests } Kubernetes object
       *[other] { $manifests } Kubernetes objects
    }{ $live }, { $images ->
        [one] { $images } image
       *[other] { $images } images
    } looked at: { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }{ $hints }
doctor-summary-live = , { $live ->
        [one] { $live } live object
       *[other] { $live } live objects
    }
doctor-summary-hints = , { $hints ->
        [one] { $hints } hint
       *[other] { $hints } hints
    }
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

## doctor: the Dockerfile rules (doctor/dockerfiles.rs).

doctor-cannot-read-it = cannot read it: { $error }
doctor-dockerfile-too-large = more than { $max } bytes is too large for a Dockerfile
doctor-not-text = not a text file
doctor-dockerfile-syntax-fix = write one instruction per line (FROM, COPY, RUN, ENV, ...); end a line with \ to continue it
doctor-base-unpinned = FROM { $image } means :latest, whatever it is on the day you build: the same Dockerfile builds a different image tomorrow
doctor-base-unpinned-fix = pin a version tag, e.g. FROM { $name }:<version>
doctor-what-ort = the ONNX Runtime library
doctor-what-model = the model
doctor-what-labels = the labels
doctor-ort-missing-fix = copy the library there from the build stage, e.g. COPY --from=builder /opt/onnxruntime/libonnxruntime.so.1.32.0 /usr/local/lib/
doctor-model-missing-fix = copy the model there, e.g. COPY models/iris_svc.onnx models/label.json /app/models/
doctor-labels-missing-fix = copy the labels there, e.g. COPY models/iris_svc.onnx models/label.json /app/models/
doctor-file-not-provided = { $variable } is { $path }, but nothing in the final stage puts { $what } there: the container exits at once with code 1 and `{ $symptom }`
doctor-program-carried = {" "}(it carries { $names })
doctor-healthcheck-fails = the healthcheck fails and the container turns unhealthy
doctor-exec-not-found = docker run fails with exit code 127: exec: "{ $program }": executable file not found in $PATH
doctor-program-not-in-image = { $instruction } runs { $program }, which nothing copies into this image{ $carried }: { $symptom }
doctor-program-not-in-image-fix = name the program the image carries (or copy it in from the build stage)
doctor-port-not-exposed = { $said }: the server listens on { $port }, but the image declares EXPOSE { $declared }: `docker run -p { $first }:{ $first }` publishes a port nothing listens on (curl: Connection reset by peer)
doctor-port-not-exposed-fix = make them agree: listen on { $first } or EXPOSE { $port } (and publish the port the server listens on: docker run -p HOST_PORT:{ $port })
doctor-runs-as-root = the container runs as root: a flaw in the server is a flaw with root's rights, and Kubernetes' runAsNonRoot refuses to start it
doctor-runs-as-root-fix = add USER 10001:10001 (a numeric user, which runAsNonRoot can verify) after the COPY lines
doctor-toolchain-final = the image is built on { $image }, the { $toolchain } toolchain: it ships compilers and sources with the server (about 1 GB instead of about 100 MB)
doctor-toolchain-final-fix = build in one stage and start the final stage again from a slim image (FROM debian:trixie-slim, or distroless), copying only the binary, the libraries and the model
doctor-hardcoded-arch = { $instruction } names the architecture { $arch } instead of the platform being built: the image holds { $arch } programs whatever machine it is for, and on any other one they fail with `exec format error`
doctor-hardcoded-arch-fix = use the platform BuildKit is building for: ARG TARGETARCH, then ${"{"}TARGETARCH{"}"} where the architecture goes
doctor-loopback = { $said }: the server listens on the container's own loopback, which a published port never reaches: it logs that it listens, its HEALTHCHECK passes, yet curl through the published port gets `Connection reset by peer`
doctor-loopback-fix = listen on every interface: 0.0.0.0

## doctor: the files it is given, the local images, the rules on manifests (doctor/).

doctor-unreadable-fix = give the doctor a Dockerfile, a manifest, or a folder holding them
doctor-cannot-read-folder = cannot read the folder: { $error }
doctor-neither = neither a Dockerfile (Dockerfile, Dockerfile.*, *.Dockerfile) nor a manifest (.yml, .yaml)
doctor-not-regular = not a regular file
doctor-no-such-file = no such file or folder
doctor-no-docker = Docker does not answer: the images the manifests run were not looked at
doctor-image-asked = you asked about it with --image
doctor-image-missing-never = the image { $image } is not in this machine's Docker ({ $assumed }): a cluster cannot have it either unless it was loaded there, and the Pod waits in ErrImageNeverPull
doctor-image-missing = the image { $image } is not in this machine's Docker ({ $assumed }): a cluster cannot have it either unless it was loaded there (ErrImageNeverPull with imagePullPolicy: Never, ImagePullBackOff otherwise)
doctor-image-missing-fix = build it (docker build -t { $image } .), then load it into the cluster: minikube image load { $image }
doctor-image-platform = the image { $image } is for { $platform }, this machine is linux/{ $host }: its programs fail with `exec format error`
doctor-image-platform-fix = build it for linux/{ $host } (docker buildx build --platform linux/{ $host }), or for both: --platform linux/amd64,linux/arm64
doctor-image-program-arch = the image { $image } says it is for { $platform }, but the program it starts, { $program }, is built for { $machine }: on this linux/{ $host } machine it fails with `exec format error`
doctor-image-program-arch-fix = build or fetch the program for the platform being built: ARG TARGETARCH, then ${"{"}TARGETARCH{"}"} where the architecture goes
holds-local = the image { $image } in this machine's Docker
holds-dockerfile = the image { $file } builds
holds-workbook = the workbook's image { $image }
doctor-policy-blocks-fix = add an ingress rule that allows the containerPort (ports: [{"{"}protocol: TCP, port: { $port }{"}"}]), from the clients that need it
doctor-policy-no-ingress = selects the Pods of { $workload } and allows no ingress at all: every connection to them - through the Service or not - times out
doctor-policy-blocks = selects the Pods of { $workload } but allows none of their ports ({ $ports }): connections to the server time out (where the network plugin enforces NetworkPolicies)
doctor-no-probes-workbook = container { $name } has no readinessProbe and no livenessProbe: Kubernetes ignores the image's HEALTHCHECK, so the Service sends requests before the model is loaded and a server that hangs is never restarted
doctor-healthcheck-ignored = ; { $whose } has a HEALTHCHECK ({ $command }), which Kubernetes ignores
doctor-no-probes = container { $name } ({ $image }) has no readinessProbe and no livenessProbe: Kubernetes counts it ready as soon as its process starts (a Service may send it connections before it accepts them) and restarts it only if the process exits, not if it hangs{ $ignored }
doctor-env-override-unknown = container { $name } sets { $variable }={ $path }, overriding what the image { $image } sets, and the doctor cannot look inside that image (it is not in this machine's Docker, and no Dockerfile among the inputs builds it): if it has no file at { $path }, a server that reads { $what } from there exits at every start (CrashLoopBackOff)
doctor-env-override-unknown-fix = check the image has it: docker run --rm --entrypoint ls { $image } -l { $path } (or give the doctor the Dockerfile, or build the image first); if not, remove { $variable } from the manifest or mount a volume with the file there
doctor-env-own = {" "}(its own { $variable } is { $value })
doctor-env-override = container { $name } sets { $variable }={ $path }, but { $whose } has no file at { $path }{ $own } and no volume is mounted there: { $consequence }
doctor-env-override-workbook = the server does not find { $what } and exits with code 1 at every start (CrashLoopBackOff)
doctor-env-override-other = a server that reads { $what } from there at startup, as the workbook's does, exits at every start (CrashLoopBackOff)
doctor-env-override-fix = remove { $variable } from the manifest (the image knows where its files are), or mount a volume with the file at { $path }
check-summary = { $objects ->
        [one] { $objects } object
       *[other] { $objects } objects
    } checked: { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
doctor-no-objects = { $source }: no Pods, Services or HPAs at all: is it the namespace you deployed to? (kubectl get namespaces; --namespace NS)

## The doctor on a cluster: containers that stop or are not Ready (live/containers.rs).

live-keeps-stopping = it keeps stopping
live-read-logs-fix = read why it stopped: { $logs } prints what the last run wrote
live-exited = its last run ended with exit code { $code }
live-exited-reason = its last run ended with exit code { $code } (reason: { $reason })
live-saying = , saying: { $message }
live-logs-fix-workbook = read why it stopped: { $logs } prints what the last run wrote; if it names MODEL_FILEPATH (or ORT_DYLIB_PATH), remove that env override from the Deployment - the image knows where its files are - and apply it again
live-logs-fix-other = read why it stopped: { $logs } prints what the last run wrote; a setting it names (an env variable, a ConfigMap or Secret, a mounted file, the command and args) is usually the cause
live-oom = { $exited }: it used more memory than its resources.limits.memory allows, and the kernel killed it
live-oom-fix = raise resources.limits.memory in the Deployment (kubectl top pod { $pod } -n { $ns } shows what it uses) and apply it again
live-finished = { $exited }: the program finished, and a Deployment's container must keep running
live-finished-fix = run the server, not a command that ends: check the image's CMD and the Deployment's command and args; { $logs } prints what the last run wrote
live-not-executable = { $exited }{ $said }: the program it starts is not in the image, or cannot be run
live-not-executable-fix = make the Deployment's command (or the image's ENTRYPOINT) name a program the image has; { $logs } prints what the last run wrote
live-killed = { $exited }: it was killed (SIGKILL), usually by the kubelet after its livenessProbe failed
live-killed-fix = kubectl describe pod { $pod } -n { $ns } shows the probe's failures in Events: point the livenessProbe at what the server answers ({ $asks }) and give it time to start (initialDelaySeconds or a startupProbe); { $logs } prints what the last run wrote
live-liveness-asks-workbook = httpGet /health on the containerPort
live-liveness-asks-other = httpGet on a path it answers if it speaks HTTP, tcpSocket on its port otherwise
live-exit-1-workbook = { $exited }{ $said }: the server stopped itself, as it does at startup when a file it needs is missing (the model at MODEL_FILEPATH, the ONNX Runtime library at ORT_DYLIB_PATH), saying so in one log line
live-exit-1 = { $exited }{ $said }: the program stopped itself with an error, which its last log lines name
live-back-off = , and now waits { $wait } before the next
live-crash-loop = { $which } is in CrashLoopBackOff: { $what }; the kubelet restarted it { $restarts } times, each time after a longer wait{ $back_off }
live-probe-text = {" "}({ $probe })
live-probe-wrong-port = ; port { $port } is not a containerPort of the container ({ $ports })
live-asks-workbook = httpGet /ready on the containerPort (8000)
live-asks-http = httpGet on port { $port } with a path the server answers ({ $because })
live-asks-other = tcpSocket on port { $port } ({ $because }: not HTTP), or an exec probe with a command the image carries
live-asks-unknown = a port the container listens on ({ $port }), with httpGet only if it speaks HTTP
live-asks-exec = a command the image carries (exec), as the container declares no port
live-not-ready-fix-workbook = make the { $probe } ask what the server answers - { $asks } - and read kubectl logs { $pod } -n { $ns } for why the server is not ready; { $describe } shows the probe and its failures
live-not-ready-fix = make the { $probe } ask what the container answers - { $asks } - and read kubectl logs { $pod } -n { $ns } for why it is not ready; { $describe } shows the probe and its failures
live-probe-refused = : nothing listens on the port it asks (the probe's port is not the server's, or the server listens on 127.0.0.1 only)
live-probe-404 = : the server has no such path
live-probe-503-workbook = : the server answers that it is not ready (this server does until its model is loaded)
live-probe-503 = : the server answers 503 Service Unavailable, that it is not ready
live-probe-timeout = : the server does not answer within the probe's timeoutSeconds
live-not-ready = { $which } runs but is not Ready, so no Service sends it requests: its { $probe }{ $probe_text } fails{ $meaning }{ $wrong_port }; the kubelet says ({ $times } times): { $message }
live-not-ready-yet = { $which } runs but is not Ready, so no Service sends it requests: its { $probe }{ $probe_text } has not succeeded{ $wrong_port }; { $patience }, but if this lasts the probe fails
live-patience-workbook = a server still loading its model is not Ready for a few seconds
live-patience-other = a server still starting is not Ready for a while

## The doctor on a cluster: Pods that wait (live/pods.rs).

live-kubelet-says = ; the kubelet says: { $message }
live-scheduler-says = ; it says: { $message }
live-unschedulable = stays Pending: the scheduler finds no node for it{ $says }
live-unschedulable-fix = for Insufficient cpu or memory, ask for less in the containers' resources.requests, or give minikube more (minikube delete, then minikube start --cpus 4 --memory 8g); kubectl describe pod { $pod } -n { $ns } shows the scheduler's reasons
live-container = container { $name }
live-init-container = init container { $name }
live-restart-pod = kubectl delete pod { $pod } -n { $ns }: its Deployment starts a new Pod, which finds the image
live-never-pull = { $which } waits in ErrImageNeverPull: the node has no image { $image }, and imagePullPolicy: Never forbids pulling it{ $says }
live-never-pull-fix = load the image into the node: minikube image load { $image } (minikube image ls lists what it has), then { $restart }
live-cannot-pull = { $which } waits in { $reason }: the node cannot pull { $image } from { $registry }{ $says }
live-cannot-pull-fix = check that { $registry } has exactly this name and tag ({ $image }: a typo in either, or a tag that was never pushed, reads `not found` / `manifest unknown` above), that the node reaches { $registry } (minikube ssh -- curl -sI https://{ $host }/v2/), for a private repository give the Pod an imagePullSecret, and if you build the image yourself, push it there first (docker push { $image }); then { $restart }
live-pull-latest = it runs { $image }, and with the tag :latest imagePullPolicy is Always: the node pulls the image from a registry at every start, even one loaded with minikube image load, and no registry has it
live-pull-latest-fix = pin a tag: build and load { $pinned } (docker build -t { $pinned } ., then minikube image load { $pinned }), run that tag in the Deployment with imagePullPolicy: IfNotPresent, and apply it again
live-pull-always = imagePullPolicy: Always makes the node pull { $image } from a registry at every start, even when minikube image load put it there, and no registry has it
live-pull-always-fix = set imagePullPolicy: IfNotPresent in the Deployment, load the image (minikube image load { $image }) and apply the Deployment again
live-pull-missing = the node has no image { $image }, so it tries a registry, which does not have it either
live-pull-missing-fix = load the image into the node: minikube image load { $image } (build it first if docker images does not list it), then { $restart }
live-waits = { $which } waits in { $reason }: { $why }{ $says }
live-cannot-start = { $which } cannot start: it waits in { $reason }{ $says }
live-cannot-start-fix = fix what the message names (a missing ConfigMap or Secret, a wrong image name, a command that cannot run) and apply the Deployment again; kubectl describe pod { $pod } -n { $ns } shows the Events with what the kubelet tried

## The doctor on a cluster: Services, autoscalers, the objects read (live/).

live-service-no-pods = there is no Pod in namespace { $ns } at all (is the Deployment applied? kubectl get deployments -n { $ns })
live-service-none-carries = none of the { $count } Pods in namespace { $ns } carries it
live-service-none-carries-have = none of the { $count } Pods in namespace { $ns } carries it (they have { $have })
live-service-no-endpoints = has no endpoints: its selector is { $selector }, and { $whose }; so every request to the Service fails (connection refused)
live-service-no-endpoints-fix = make the Service's selector the labels of the Deployment's Pod template (spec.template.metadata.labels) and apply it again; kubectl get endpointslices -l kubernetes.io/service-name={ $service } -n { $ns } then lists the Pods
live-service-none-ready = has no ready endpoints: its selector { $selector } matches { $count } Pods, and none of them is Ready, so every request to the Service fails (connection refused) until one is
live-service-none-ready-fix = make the Pods Ready: what the doctor says about them above, and kubectl describe pod -l { $selector } -n { $ns }, say why they are not
live-hpa-its-target = its target
live-hpa-cannot-scale = cannot scale { $target } (AbleToScale=False, { $reason }); the HPA says: { $message }
live-hpa-cannot-scale-fix = make spec.scaleTargetRef name the Deployment exactly (apiVersion: apps/v1, kind: Deployment, its metadata.name) in the same namespace; kubectl get deployments -n { $ns } lists them
live-hpa-pods-unready = its Pods are not running or not Ready, so there is nothing to measure
live-hpa-pods-unready-fix = make the Pods run and be Ready first (what the doctor says about them above); the HPA follows
live-hpa-no-request = a container of its Pods asks for no CPU (resources.requests.cpu), and a utilization is a percentage of that request
live-hpa-no-request-fix = give every container of the Deployment resources.requests.cpu (e.g. 250m) and apply it again; kubectl get hpa shows a percentage within a minute
live-hpa-no-metrics = no metrics-server answers for the Pods' CPU use
live-hpa-no-metrics-fix = enable metrics-server: minikube addons enable metrics-server; once kubectl top pods -n { $ns } answers (a minute or so), so does the HPA
live-hpa-no-figure = it gets no CPU figure for its Pods
live-hpa-no-figure-fix = give every container resources.requests.cpu (e.g. 250m), and enable metrics-server (minikube addons enable metrics-server); kubectl describe hpa { $hpa } -n { $ns } shows the condition
live-hpa-unknown = kubectl get hpa shows { $shows } and it never scales: { $cause } (ScalingActive=False, { $reason }); the HPA says: { $message }
live-not-reported = not an object as a cluster reports it: { $path }: { $error }
live-not-reported-fix = give the doctor the output of `kubectl get pods,svc,endpointslices,hpa,events -n NAMESPACE -o yaml` unchanged
live-and-more = {" "}(and { $count } more { $count ->
        [one] Pod
       *[other] Pods
    } of { $owner })

## What a container speaks, and the probes to give it (app/listener.rs).

listener-workbook = the workbook's server
listener-app-protocol = Service { $service } gives the port appProtocol { $protocol }
listener-port-named = the port is named { $name }
listener-service-names = Service { $service } names the port { $name }
listener-port-is-whose = port { $number } is { $what }'s
listener-port-is-usual = port { $number } is a usual { $what } port
listener-image-is = the image is { $image }
listener-unknown = the doctor cannot tell what it speaks
probes-advice-workbook = add a readinessProbe (httpGet /ready) and a livenessProbe (httpGet /health) on the container's port
probes-advice-http = add a readinessProbe and a livenessProbe: httpGet on port { $port }{ $scheme } ({ $because }), with a path the server answers with a 200 (e.g. /, or its health path)
probes-advice-other = add a readinessProbe and a livenessProbe: tcpSocket on port { $port } ({ $because }: not HTTP, so an httpGet probe would fail){ $exec }
probes-advice-unknown = add a readinessProbe and a livenessProbe: tcpSocket on port { $port } works for any server (the doctor cannot tell whether it speaks HTTP; if it does, httpGet on a path it answers says more)
probes-exec-any = , or an exec probe with a command the image carries
probes-exec-example = , or an exec probe with a command the image carries (e.g. `{ $command }`, which { $what } images usually have)

## check-manifests --production: kube-linter's checks, each finding's remediation (lint/).

lint-message = [{ $check }] { $problem }. Fix: { $remediation }
lint-fix-dangling-service = make the selector match the labels of a workload's Pod template in the same namespace
lint-fix-deprecated-service-account-field = use serviceAccountName; serviceAccount is its deprecated old name
lint-fix-docker-sock = do not mount the container runtime's socket: whoever can talk to it controls the node
lint-fix-drop-net-raw-capability = list NET_RAW (or ALL) in securityContext.capabilities.drop, never in add: it lets a process forge network packets
lint-fix-duplicate-env-var = keep one entry per name: only the last one takes effect, the others mislead readers
lint-fix-env-var-secret = do not write a secret into a manifest: take it from a Secret (valueFrom.secretKeyRef) or mount the Secret as a file
lint-fix-host-ipc = remove hostIPC: true; the Pod would share the node's inter-process communication
lint-fix-host-network = remove hostNetwork: true; the Pod would use the node's network directly, past Services and NetworkPolicies
lint-fix-host-pid = remove hostPID: true; the Pod would see, and could signal, every process on the node
lint-fix-invalid-target-ports = a port name has at most 15 characters, only a-z, 0-9 and '-', at least one letter, no '--' and no '-' at either end; a port number is 1 to 65535
lint-fix-latest-tag = pin a version tag (or a digest): with :latest or no tag nobody can tell which image runs, nor roll back to the previous one
lint-fix-liveness-port = probe a TCP port the container declares in ports, by number or by name
lint-fix-mismatching-selector = make spec.selector match the labels of the Pod template
lint-fix-no-anti-affinity = add a podAntiAffinity term with topologyKey kubernetes.io/hostname and a labelSelector that matches the Pods, so the scheduler puts replicas on different nodes
lint-fix-no-extensions-v1beta = use apps/v1 (Deployment, DaemonSet, ReplicaSet) or networking.k8s.io/v1 (Ingress, NetworkPolicy)
lint-fix-no-read-only-root-fs = set readOnlyRootFilesystem: true in the container's securityContext (and mount an emptyDir where the program must write)
lint-fix-non-existent-service-account = create the ServiceAccount in the same namespace, or name one that exists
lint-fix-pdb-max-unavailable = allow at least 1 unavailable Pod, or no node running one can ever be drained
lint-fix-pdb-min-available = keep minAvailable below the number of replicas, or no node running one can ever be drained
lint-fix-pdb-unhealthy-pod-eviction-policy = set unhealthyPodEvictionPolicy: AlwaysAllow, so Pods that are not Ready never block a drain
lint-fix-privilege-escalation-container = set allowPrivilegeEscalation: false, and use neither privileged: true nor the SYS_ADMIN capability
lint-fix-privileged-container = remove privileged: true; a privileged container is root on the node
lint-fix-readiness-port = probe a TCP port the container declares in ports, by number or by name
lint-fix-run-as-non-root = set runAsNonRoot: true and a non-zero runAsUser in the Pod's or the container's securityContext
lint-fix-sensitive-host-mounts = do not mount the node's system folders (/, /boot, /dev, /etc, /lib, /proc, /sys, /usr) into a container
lint-fix-ssh-port = do not expose port 22: reach a container with kubectl exec, not an SSH server
lint-fix-startup-port = probe a TCP port the container declares in ports, by number or by name
lint-fix-unsafe-sysctls = remove the sysctl: kube-linter counts kernel.msg*, kernel.sem*, kernel.shm*, fs.mqueue.* and net.* as able to affect other Pods on the node
lint-fix-unset-cpu-requirements = set resources.requests.cpu: the scheduler reserves it, and an HPA on CPU measures against it
lint-fix-unset-memory-requirements = set resources.limits.memory, so a leaking container is restarted instead of starving the node
lint-duplicate-env-var = container { $container } sets { $variable } more than once
lint-invalid-port-name = port name { $name } of container { $container } { $problems }
lint-latest-tag = container { $container } runs { $image }, which has no version tag
lint-ssh-port = container { $container } exposes port 22 ({ $protocol })
lint-no-cpu-request = container { $container } requests no CPU
lint-no-memory-limit = container { $container } has no memory limit
lint-service-account-field = serviceAccount { $name } is set
lint-adds-capability = container { $container } adds { $capability }
lint-no-drop-net-raw = container { $container } does not drop NET_RAW
lint-env-var-secret = container { $container } gets { $variable } as a literal value in the manifest
lint-host-ipc = the Pod shares the node's IPC namespace
lint-host-network = the Pod shares the node's network namespace
lint-host-pid = the Pod shares the node's process namespace
lint-writable-root-fs = container { $container } can write to its root filesystem
lint-no-service-account = ServiceAccount { $name } is not among these manifests (namespace { $namespace })
lint-privileged = container { $container } is privileged
lint-pdb-max-zero = maxUnavailable is 0: no Pod may ever be evicted
lint-pdb-not-a-number = { $value } is neither a number nor a percentage
lint-pdb-min-all = minAvailable is 100%: no Pod may ever be evicted
lint-pdb-min-replicas = { $workload } has { $replicas } replicas and minAvailable is { $min }: no Pod may ever be evicted
lint-pdb-no-eviction-policy = unhealthyPodEvictionPolicy is not set (the default lets unready Pods block a drain)
lint-service-no-selector = the Service has no selector
lint-dangling-service = no Pod template in namespace { $namespace } has the labels { $labels }
lint-target-port-range = targetPort { $port } must be between 1 and 65535
lint-target-port-name = targetPort { $name } { $problems }
lint-workload-no-selector = the workload has no selector
lint-selector-mismatch = { $selector } does not select the Pod template's labels ({ $labels })
lint-no-anti-affinity = { $replicas } replicas but no podAntiAffinity: they may all run on one node
lint-anti-affinity-no-term = { $replicas } replicas but podAntiAffinity has no preferred or required term
lint-term-namespaces = its namespaces { $list } do not include { $namespace }
lint-term-topology = its topologyKey is { $key }, not kubernetes.io/hostname
lint-term-selector = its labelSelector ({ $selector }) does not select the Pods ({ $labels })
lint-none = none
lint-anti-affinity-term = { $replicas } replicas, but { $problem }
lint-escalation-allowed = container { $container } sets allowPrivilegeEscalation: true
lint-escalation-privileged = container { $container } is privileged, which allows privilege escalation
lint-escalation-sys-admin = container { $container } adds SYS_ADMIN, which allows privilege escalation
lint-root-user-zero = container { $container } is set to runAsNonRoot, but runAsUser is 0: the kubelet will refuse to start it
lint-may-run-as-root = container { $container } may run as root (runAsNonRoot is not set)
lint-host-mount = the node's { $path } is mounted into container { $container }
lint-probe-port = container { $container } does not declare TCP port { $port }
lint-removed-api = { $version } was removed from Kubernetes (1.16, and 1.22 for Ingress): the API server refuses it

## Reading manifests (manifests.rs)
manifest-folder-unreadable = cannot read the folder: { $error }
manifest-not-regular = not a regular file
manifest-no-such-path = no such file or folder
manifest-too-large = more than { $bytes } bytes is too large for a manifest
manifest-not-text = not a text file (invalid UTF-8)
manifest-unreadable = cannot read it: { $error }
manifest-document = document { $number }
manifest-invalid-yaml = not valid YAML: { $error }
manifest-unknown-field = unknown field `{ $field }` (misspelled, or at the wrong indentation?); a cluster rejects it with --validate=strict, or silently ignores it
manifest-not-mapping = a manifest must be a mapping with apiVersion, kind and metadata
manifest-missing = missing `{ $field }`
manifest-kind-unchecked = kind { $kind } ({ $api_version }) is not checked by this tool

## Reading a Dockerfile (dockerfile.rs)
dockerfile-before-from = line { $line }: { $keyword } before any FROM; a Dockerfile starts with FROM
dockerfile-copy-paths = line { $line }: { $keyword } needs a source and a destination
dockerfile-no-from = no FROM instruction: this is not a Dockerfile
dockerfile-from-words = line { $line }: FROM takes an image and an optional `AS name`
dockerfile-unknown-instruction = line { $line }: unknown instruction { $keyword }; `docker build` stops here

## Asking a cluster (cluster.rs): `cluster-failed` is the cluster's name, then what it did.
cluster-start-one = start one with `minikube start` (it writes ~/.kube/config), or point KUBECONFIG at yours
cluster-start-or-choose = start one with `minikube start` (it writes ~/.kube/config), or point KUBECONFIG at yours, or choose one with `kubectl config use-context NAME`
cluster-start-it = if it is minikube, start it with `minikube start` (`minikube status` says whether it runs)
cluster-none = no cluster to ask: { $why }; { $start }
cluster-no-kubeconfig = there is no kubeconfig at { $path }
cluster-kubeconfig-unreadable = cannot read the kubeconfig { $path }: { $error }
cluster-no-home = there is no home folder to find ~/.kube/config in, and KUBECONFIG is not set
cluster-kubeconfig-unusable = the kubeconfig is not usable: { $error }
cluster-no-context = the kubeconfig names no current context
cluster-no-server = no server
cluster-name = the cluster of context { $context } ({ $server })
cluster-source = { $context }, namespace { $namespace }
cluster-failed = { $cluster } { $why }; { $start }
cluster-unreachable-kubeconfig = cannot be reached with this kubeconfig: { $error }
cluster-unreachable = cannot be reached: { $error }
cluster-refuses = refuses: { $message } ({ $code } { $reason }); `kubectl auth can-i list pods` says what you may read
cluster-no-answer = does not answer: { $error }
cluster-no-answer-within = does not answer within { $seconds } s
