# workbook CLI のメッセージ（日本語）。用語は本の訳（book/po/ja.po）と用語集
# （book/src/glossary.md）に合わせる：イメージ、コンテナ、Pod、Service、演習、ケース、
# 壊れた版、直した版、症状。コマンド、パス、プログラムの出力は訳さない。

## すべてのコマンドに共通する枠：指摘、直し方、読む場所、まとめ。

severity-error = エラー
severity-warning = 警告
severity-hint = ヒント
frame-fix = 直し方
frame-read = 読む
frame-note = メモ
doctor-summary = doctor: Dockerfile { $dockerfiles } 個、Kubernetes オブジェクト { $manifests } 個{ $live }、イメージ { $images } 個を調べました：エラー { $errors } 件、警告 { $warnings } 件{ $hints }
doctor-summary-live = 、クラスターのオブジェクト { $live } 個
doctor-summary-hints = 、ヒント { $hints } 件
doctor-nothing = doctor: あなたのファイルに指摘はありません

## workbook trouble：トラブルシューティング演習。

trouble-no-exercise = 演習 { $arg } はありません。{ $range }を指定してください（`just trouble` で一覧が出ます）
trouble-range = { $first } から { $last } までの番号
trouble-range-none = { $cases } のケース
trouble-case = ケース{ $nn }：{ $title }（{ $link }）
trouble-exists = { $folder } はすでにあります。その中のあなたの作業はそのまま残します。
    続けて編集して `just trouble-check { $n }` を実行するか、`just trouble-reset { $n }` で壊れた版からやり直してください（あなたのフォルダーは先に { $old } へ移します）。
trouble-cannot-copy = { $folder } にコピーできません：{ $error }
trouble-started = 演習 { $name }：ケース { $n } の壊れた版を、あなたのフォルダー { $folder } に用意しました：
trouble-symptom-docker = `just lesson-5` でビルドすると症状が見えます
trouble-symptom-kubernetes = 症状は book/src/05-troubleshooting/kubernetes.md にあります
trouble-something-wrong = この中のどこかが間違っています（{ $symptom }）。そこのファイルを編集してから：
trouble-what-check = 直ったか確かめる（ラボのテストと同じチェック）
trouble-what-hint = ヒント
trouble-kept = 前回の作業は { $kept } に残してあります
trouble-cannot-move = { $folder } を移せません：{ $error }
trouble-hint-for = 演習 { $name } のヒント：
trouble-still-stuck = まだ分からなければ、本のケース { $nn } の節を読み、それから直した版を見てください：{ $fixed }
trouble-progress-foreign = { $path } はこのコマンドが書いた進み具合ではありません（{ $error }）。別の場所へ移してから、もう一度コマンドを実行してください
trouble-cannot-read = { $path } を読めません：{ $error }
trouble-cannot-write = { $path } に書けません：{ $error }
trouble-list-title = レッスン5の演習（`just trouble N` で { $folder }/ に1つ始めます）：
trouble-status-fixed = 直った
trouble-status-not-fixed = まだ直っていない
trouble-status-checked = （チェック：{ $at }）
trouble-status-started = 開始済み
trouble-status-not-checked = （まだチェックしていない）
trouble-status-not-started = 未開始
trouble-fixed-count = { $total } 個中 { $fixed } 個が直りました。
trouble-lessons-title = レッスン（そのテストを、最後に `just verify N` で実行した結果）：
trouble-lesson-passed = 成功
trouble-lesson-failed = 失敗
trouble-lesson-not-run = 未実行
trouble-lesson-how = （just verify { $n } で cargo test -p { $package } を実行します）
trouble-no-lesson = レッスン { $arg } はありません。次のどれかを指定してください：{ $numbers }
trouble-cannot-run = { $program } を実行できません：{ $error }
trouble-verified = レッスン { $lesson }：`{ $command }` は{ $outcome }しました（{ $path } に記録しました）
trouble-not-started = 演習 { $n } はまだ始まっていません。`just trouble { $n }` で壊れた版を { $folder } にコピーします
trouble-checking = チェック { $name }：{ $folder }
trouble-own-mistake = doctor がまだケース { $nn } の間違いを見つけます
trouble-other-problems = doctor がほかの問題を { $count } 件見つけます（直した版には1件もありません）
trouble-no-docker = Docker が応答しません。Docker のケースのチェックは、あなたの Dockerfile をビルドして実行します。Docker を起動して（`just setup` か Docker Desktop）、もう一度チェックしてください
trouble-no-dockerfile = { $path } がありません
trouble-symptom = 症状：{ $symptom }
trouble-symptom-still-there = 実際の症状がまだ出ます
trouble-fixed-docker = doctor は何も見つけず、ビルドして実行したあなたのイメージにもう症状は出ません
trouble-fixed-kubernetes = doctor はあなたのマニフェストに何も見つけません
trouble-is-fixed = ✓ 演習 { $name } は直りました：{ $how }。{ $path } に記録しました。`just trouble` で進み具合が見られます。
trouble-not-fixed = ✗ 演習 { $name } はまだ直っていません：{ $problems }。{ $folder } を編集して、もう一度チェックしてください。`just trouble-hint { $n }` でヒントが出ます。
trouble-building = docker: { $dockerfile } を { $tag } としてビルドします（ビルドコンテキストはリポジトリのルート。最初のビルドはサーバーをコンパイルし、2回目からは数秒です）
trouble-built = docker: { $seconds } 秒でビルドしました
trouble-does-not-build = あなたの Dockerfile はビルドできません。ビルドログの最後：
trouble-ran = docker run --rm { $tag }：
trouble-run-fails = `docker run --rm { $tag }` が失敗します：
trouble-image-size = docker: イメージは { $mb } MB です
trouble-image-too-large = イメージは { $mb } MB です。マルチステージのイメージは約 110 MB です（チェックは { $max } MB 以下を求めます）
trouble-docker-run-fails = `docker run` が失敗します：
trouble-server-logs = サーバーのログ：{ $line }
trouble-exits-at-once = コンテナはすぐに終了コード { $code } で終了します。`docker logs`：
trouble-never-listens = サーバーが `listening on` をログに出しません（{ $seconds } 秒）。`docker logs`：
trouble-port-not-published = ポート8000が公開されていません（{ $port }）
trouble-port-answers = 公開したポート8000を通すと、GET { $path } は { $status } { $body } と答えます
trouble-port-no-answer = 公開したポート8000（{ $address }）を通すと、GET { $path } に HTTP の答えがありません：{ $error }
trouble-port-served = 公開したポート8000を通して：{ $said }
trouble-closed = 答えのないまま接続が閉じられます（curl は `Connection reset by peer` か `Empty reply from server` と表示します）
trouble-no-answer-within = { $seconds } 秒以内に答えがありません

## 指摘が案内する本の節。

read-case = トラブルシューティング、{ $kind } のケース{ $nn }：{ $title }（{ $link }）
read-base = 正しく作る Dockerfile（book/src/02-small-image/README.md）
read-manifests = kubectl とマニフェスト（book/src/04-kubernetes-basics/kubectl-and-manifests.md）
read-live = トラブルシューティング、Kubernetes のケース：動いているクラスターを doctor に診てもらう（book/src/05-troubleshooting/kubernetes.md）
manifest-fix-field = メッセージのとおりにフィールドを直してください。`kubectl apply --dry-run=server` でクラスターがどう判断するかを確かめられます

## check-manifests：マニフェスト同士の突き合わせ（checks.rs）。

labels-none = ラベルなし
origin-workbook = workbook のタグの一つなので、あなたがビルドするイメージです
origin-pull-never = imagePullPolicy が Never なので、ノードがすでに持っている必要があります。あなたがビルドして読み込むイメージです
origin-local-name = 名前にレジストリのホストも Docker Hub のアカウントもないので、あなたがビルドするイメージです
origin-registry = クラスターは { $host } から pull します
origin-docker-hub = クラスターは Docker Hub から pull します
check-object-has-labels = { $object } のラベルは { $labels }
check-service-selects-nothing = { $selector } はこのマニフェストのどの Pod も選びません。このラベルを持つ Pod テンプレートがありません（{ $have }）。Service の Endpoints が空になります
check-service-selects-nothing-fix = Service の selector を Deployment の Pod テンプレートのラベル（spec.template.metadata.labels）と同じにしてください。そうすれば `kubectl get endpoints` に Pod が並びます
check-target-port = { $port } は選ばれた Pod の containerPort（番号または名前）ではありません（{ $declared }）。通信がどこにも届きません
check-target-port-fix = targetPort を、サーバーが待ち受けている containerPort（またはその名前、例：http）にしてください
check-hpa-target-missing = { $target } はこのマニフェストに（この名前空間に）ありません。HPA は何もスケールしません
check-hpa-no-requests = { $resource } の使用率でスケールしますが、{ $workload } のコンテナ { $container } は resources.requests.{ $resource } を設定していません。kubectl get hpa は <unknown> と表示します
check-hpa-no-requests-fix = すべてのコンテナに resources.requests.cpu（例：250m）を設定し、metrics-server を有効にしてください（minikube addons enable metrics-server）
check-selector-mismatch = { $selector } が Pod テンプレートのラベル（{ $labels }）と一致しません。API サーバーはこの { $kind } を受け付けません
check-image-not-expected = { $image } ですが、ビルドして読み込んだイメージは { $expected } です
check-image-pin-fix = テストしたバージョンに固定してください：バージョンのタグ（NAME:1.2.3）かダイジェスト（NAME@sha256:...）
check-image-load-fix = タグを固定し（v1.0 など。latest は使わない）、imagePullPolicy: IfNotPresent を設定してから `minikube image load IMAGE` を実行してください
check-image-unpinned-loaded = { $image } はタグがないか :latest なので、pull ポリシーが Always になります。読み込んだローカルのイメージが使われません（ImagePullBackOff）。タグを固定するか imagePullPolicy: IfNotPresent を設定してください
check-image-unpinned-pulled = { $image } はタグがないか :latest です（{ $assumed }）。各ノードは Pod の起動時にその時点の :latest を pull するので、レプリカごとに違うバージョンが動くことがあり、上流の新しいリリースが知らないうちにクラスターに入ります。バージョンのタグかダイジェストに固定してください
check-pull-always = Always は毎回レジストリから pull します。`minikube image load` で読み込んだイメージは使われません（{ $assumed }）
check-probe-fails-readiness = Pod はいつまでも Ready にならず、Service は何も送りません
check-probe-fails-startup = コンテナは起動済みと見なされる前に再起動されます
check-probe-fails-liveness = kubelet がコンテナを何度も再起動します（CrashLoopBackOff）
check-probe-port = { $port } は { $container } の containerPort ではありません（{ $declared }）。プローブは失敗します：{ $consequence }
check-probe-path = サーバーは { $path } に応答しません（応答するのは { $paths }）
check-namespace-missing = metadata.namespace がないので、ほかのオブジェクトのある { $main } ではなく、kubectl の既定の名前空間に入ります
check-namespace-other = { $namespace } ですが、ほかのオブジェクトは { $main } にあります
check-namespace-not-created = { $namespace } ですが、このマニフェストのどれもその名前空間を作りません（作るのは { $declared }）
check-declares-no-ports = ポートの宣言はありません
check-declares-ports = 宣言しているのは { $ports }

## doctor：Dockerfile のルール（doctor/dockerfiles.rs）。

doctor-cannot-read-it = 読めません：{ $error }
doctor-dockerfile-too-large = { $max } バイトを超えていて、Dockerfile としては大きすぎます
doctor-not-text = テキストファイルではありません
doctor-dockerfile-syntax-fix = 1 行に 1 つの命令（FROM、COPY、RUN、ENV など）を書いてください。行を続けるときは行末に \ を付けます
doctor-base-unpinned = FROM { $image } は :latest の意味で、ビルドした日の :latest が使われます。同じ Dockerfile から、明日は別のイメージができます
doctor-base-unpinned-fix = バージョンのタグに固定してください。例：FROM { $name }:<version>
doctor-what-ort = ONNX Runtime のライブラリ
doctor-what-model = モデル
doctor-what-labels = ラベル
doctor-ort-missing-fix = ビルドステージからライブラリをそこへコピーしてください。例：COPY --from=builder /opt/onnxruntime/libonnxruntime.so.1.32.0 /usr/local/lib/
doctor-model-missing-fix = モデルをそこへコピーしてください。例：COPY models/iris_svc.onnx models/label.json /app/models/
doctor-labels-missing-fix = ラベルをそこへコピーしてください。例：COPY models/iris_svc.onnx models/label.json /app/models/
doctor-file-not-provided = { $variable } は { $path } ですが、最終ステージのどこも{ $what }をそこに置いていません。コンテナはすぐにコード 1 で終了し、`{ $symptom }` と出ます
doctor-program-carried = （イメージにあるのは { $names }）
doctor-healthcheck-fails = ヘルスチェックが失敗し、コンテナは unhealthy になります
doctor-exec-not-found = docker run が終了コード 127 で失敗します：exec: "{ $program }": executable file not found in $PATH
doctor-program-not-in-image = { $instruction } は { $program } を実行しますが、どこもそれをこのイメージにコピーしていません{ $carried }。{ $symptom }
doctor-program-not-in-image-fix = イメージにあるプログラムを指定してください（またはビルドステージからコピーしてください）
doctor-port-not-exposed = { $said }：サーバーは { $port } で待ち受けますが、イメージは EXPOSE { $declared } を宣言しています。`docker run -p { $first }:{ $first }` は誰も待ち受けていないポートを公開します（curl: Connection reset by peer）
doctor-port-not-exposed-fix = 両方をそろえてください：{ $first } で待ち受けるか、EXPOSE { $port } にします（そしてサーバーが待ち受けるポートを公開します：docker run -p HOST_PORT:{ $port }）
doctor-runs-as-root = コンテナが root で動きます。サーバーに欠陥があれば、それは root の権限を持った欠陥になります。また Kubernetes の runAsNonRoot はこのコンテナを起動しません
doctor-runs-as-root-fix = COPY の行の後に USER 10001:10001 を追加してください（runAsNonRoot が確かめられる数値のユーザーです）
doctor-toolchain-final = イメージが { $toolchain } のツールチェーンである { $image } の上に作られています。コンパイラーやソースがサーバーと一緒に入ります（約 100 MB のはずが約 1 GB）
doctor-toolchain-final-fix = ビルドは一つのステージで行い、最終ステージは小さなイメージ（FROM debian:trixie-slim や distroless）から始め直して、バイナリ、ライブラリ、モデルだけをコピーしてください
doctor-hardcoded-arch = { $instruction } がビルド対象のプラットフォームではなく { $arch } というアーキテクチャを直接書いています。どのマシン向けでもイメージには { $arch } のプログラムが入り、ほかのマシンでは `exec format error` で失敗します
doctor-hardcoded-arch-fix = BuildKit がビルドしているプラットフォームを使ってください：ARG TARGETARCH と書き、アーキテクチャの部分に ${"{"}TARGETARCH{"}"} を使います
doctor-loopback = { $said }：サーバーはコンテナ自身のループバックで待ち受けていて、公開したポートからは届きません。待ち受けているとログに出て HEALTHCHECK も通るのに、公開したポート経由の curl は `Connection reset by peer` になります
doctor-loopback-fix = すべてのインターフェースで待ち受けてください：0.0.0.0

## doctor：渡されたファイル、ローカルのイメージ、マニフェストのルール（doctor/）。

doctor-unreadable-fix = doctor には Dockerfile、マニフェスト、またはそれらの入ったフォルダーを渡してください
doctor-cannot-read-folder = フォルダーを読めません：{ $error }
doctor-neither = Dockerfile（Dockerfile、Dockerfile.*、*.Dockerfile）でもマニフェスト（.yml、.yaml）でもありません
doctor-not-regular = 通常のファイルではありません
doctor-no-such-file = そのようなファイルやフォルダーはありません
doctor-no-docker = Docker が応答しません。マニフェストが使うイメージは調べていません
doctor-image-asked = --image で指定されたイメージです
doctor-image-missing-never = イメージ { $image } がこのマシンの Docker にありません（{ $assumed }）。クラスターに読み込んでいない限りクラスターにもなく、Pod は ErrImageNeverPull のまま待ちます
doctor-image-missing = イメージ { $image } がこのマシンの Docker にありません（{ $assumed }）。クラスターに読み込んでいない限りクラスターにもありません（imagePullPolicy: Never なら ErrImageNeverPull、それ以外は ImagePullBackOff）
doctor-image-missing-fix = ビルドして（docker build -t { $image } .）、クラスターに読み込んでください：minikube image load { $image }
doctor-image-platform = イメージ { $image } は { $platform } 用ですが、このマシンは linux/{ $host } です。中のプログラムは `exec format error` で失敗します
doctor-image-platform-fix = linux/{ $host } 用にビルドするか（docker buildx build --platform linux/{ $host }）、両方に向けてビルドしてください：--platform linux/amd64,linux/arm64
doctor-image-program-arch = イメージ { $image } は { $platform } 用とされていますが、起動するプログラム { $program } は { $machine } 用です。この linux/{ $host } のマシンでは `exec format error` で失敗します
doctor-image-program-arch-fix = ビルド対象のプラットフォーム用のプログラムをビルドするか取得してください：ARG TARGETARCH と書き、アーキテクチャの部分に ${"{"}TARGETARCH{"}"} を使います
holds-local = このマシンの Docker にあるイメージ { $image }
holds-dockerfile = { $file } がビルドするイメージ
holds-workbook = workbook のイメージ { $image }
doctor-policy-blocks-fix = containerPort を許可する ingress ルール（ports: [{"{"}protocol: TCP, port: { $port }{"}"}]）を、必要なクライアントからの分だけ追加してください
doctor-policy-no-ingress = { $workload } の Pod を選び、ingress を一切許可していません。Service 経由でもそうでなくても、Pod への接続はすべてタイムアウトします
doctor-policy-blocks = { $workload } の Pod を選んでいますが、そのポート（{ $ports }）をどれも許可していません。サーバーへの接続はタイムアウトします（ネットワークプラグインが NetworkPolicy を適用する場合）
doctor-no-probes-workbook = コンテナ { $name } に readinessProbe も livenessProbe もありません。Kubernetes はイメージの HEALTHCHECK を無視するので、Service はモデルの読み込みが終わる前にリクエストを送り、固まったサーバーも再起動されません
doctor-healthcheck-ignored = 。{ $whose }には HEALTHCHECK（{ $command }）がありますが、Kubernetes はそれを無視します
doctor-no-probes = コンテナ { $name }（{ $image }）に readinessProbe も livenessProbe もありません。Kubernetes はプロセスが起動した時点で準備完了と見なし（受け付けられる前に Service が接続を送ることがあります）、再起動するのはプロセスが終了したときだけで、固まったときは再起動しません{ $ignored }
doctor-env-override-unknown = コンテナ { $name } は { $variable }={ $path } を設定して、イメージ { $image } の設定を上書きしています。doctor はそのイメージの中を調べられません（このマシンの Docker になく、渡された Dockerfile のどれもそれをビルドしません）。{ $path } にファイルがなければ、そこから{ $what }を読むサーバーは起動のたびに終了します（CrashLoopBackOff）
doctor-env-override-unknown-fix = イメージにあるか確かめてください：docker run --rm --entrypoint ls { $image } -l { $path }（または doctor に Dockerfile を渡すか、先にイメージをビルドしてください）。なければ、マニフェストから { $variable } を消すか、そこにファイルのあるボリュームをマウントしてください
doctor-env-own = （イメージ自身の { $variable } は { $value }）
doctor-env-override = コンテナ { $name } は { $variable }={ $path } を設定していますが、{ $whose }には { $path } にファイルがなく{ $own }、そこにボリュームもマウントされていません。{ $consequence }
doctor-env-override-workbook = サーバーは{ $what }を見つけられず、起動のたびにコード 1 で終了します（CrashLoopBackOff）
doctor-env-override-other = workbook のサーバーのように起動時にそこから{ $what }を読むサーバーは、起動のたびに終了します（CrashLoopBackOff）
doctor-env-override-fix = マニフェストから { $variable } を消すか（ファイルの場所はイメージが知っています）、{ $path } にファイルのあるボリュームをマウントしてください
check-summary = { $objects } 個のオブジェクトを調べました：エラー { $errors } 件、警告 { $warnings } 件
doctor-no-objects = { $source }：Pod も Service も HPA も一つもありません。デプロイした名前空間で合っていますか？（kubectl get namespaces、--namespace NS）

## クラスターを診る doctor：止まり続けるコンテナ、Ready にならないコンテナ（live/containers.rs）。

live-keeps-stopping = 止まり続けています
live-read-logs-fix = 止まった理由を読んでください：{ $logs } で前回の実行が書いた内容が出ます
live-exited = 前回の実行は終了コード { $code } で終わりました
live-exited-reason = 前回の実行は終了コード { $code } で終わりました（理由：{ $reason }）
live-saying = 。メッセージ：{ $message }
live-logs-fix-workbook = 止まった理由を読んでください：{ $logs } で前回の実行が書いた内容が出ます。MODEL_FILEPATH（または ORT_DYLIB_PATH）が出ていたら、Deployment からその env の上書きを消して（ファイルの場所はイメージが知っています）もう一度 apply してください
live-logs-fix-other = 止まった理由を読んでください：{ $logs } で前回の実行が書いた内容が出ます。そこに出てくる設定（環境変数、ConfigMap や Secret、マウントしたファイル、command と args）がたいてい原因です
live-oom = { $exited }。resources.limits.memory が許すより多くのメモリを使い、カーネルに止められました
live-oom-fix = Deployment の resources.limits.memory を増やして（使用量は kubectl top pod { $pod } -n { $ns } でわかります）、もう一度 apply してください
live-finished = { $exited }。プログラムが終わってしまいましたが、Deployment のコンテナは動き続ける必要があります
live-finished-fix = 終わるコマンドではなくサーバーを動かしてください：イメージの CMD と Deployment の command と args を確かめます。{ $logs } で前回の実行が書いた内容が出ます
live-not-executable = { $exited }{ $said }。起動するプログラムがイメージにないか、実行できません
live-not-executable-fix = Deployment の command（またはイメージの ENTRYPOINT）に、イメージにあるプログラムを指定してください。{ $logs } で前回の実行が書いた内容が出ます
live-killed = { $exited }。強制終了（SIGKILL）されました。たいていは livenessProbe が失敗したあとの kubelet によるものです
live-killed-fix = kubectl describe pod { $pod } -n { $ns } の Events にプローブの失敗が出ます。livenessProbe をサーバーが応答するもの（{ $asks }）に向け、起動までの時間を与えてください（initialDelaySeconds か startupProbe）。{ $logs } で前回の実行が書いた内容が出ます
live-liveness-asks-workbook = containerPort への httpGet /health
live-liveness-asks-other = HTTP を話すなら応答するパスへの httpGet、そうでなければそのポートへの tcpSocket
live-exit-1-workbook = { $exited }{ $said }。必要なファイル（MODEL_FILEPATH のモデル、ORT_DYLIB_PATH の ONNX Runtime ライブラリ）がないとき起動時にそうするように、サーバーが自分で止まりました。理由はログの 1 行に出ています
live-exit-1 = { $exited }{ $said }。プログラムがエラーで自分から止まりました。理由は最後のログの行に出ています
live-back-off = 。いまは次の再起動まで { $wait } 待っています
live-crash-loop = { $which } は CrashLoopBackOff です：{ $what }。kubelet は待ち時間を少しずつ延ばしながら { $restarts } 回再起動しました{ $back_off }
live-probe-text = （{ $probe }）
live-probe-wrong-port = 。ポート { $port } はこのコンテナの containerPort ではありません（{ $ports }）
live-asks-workbook = containerPort（8000）への httpGet /ready
live-asks-http = ポート { $port } への、サーバーが応答するパスでの httpGet（{ $because }）
live-asks-other = ポート { $port } への tcpSocket（{ $because }：HTTP ではない）、またはイメージにあるコマンドでの exec プローブ
live-asks-unknown = コンテナが待ち受けるポート（{ $port }）。httpGet は HTTP を話す場合だけ
live-asks-exec = イメージにあるコマンド（exec）。コンテナはポートを宣言していません
live-not-ready-fix-workbook = { $probe } がサーバーの応答するもの（{ $asks }）を聞くようにし、サーバーが Ready にならない理由を kubectl logs { $pod } -n { $ns } で読んでください。{ $describe } でプローブとその失敗がわかります
live-not-ready-fix = { $probe } がコンテナの応答するもの（{ $asks }）を聞くようにし、Ready にならない理由を kubectl logs { $pod } -n { $ns } で読んでください。{ $describe } でプローブとその失敗がわかります
live-probe-refused = 。聞いているポートで誰も待ち受けていません（プローブのポートがサーバーのものと違うか、サーバーが 127.0.0.1 だけで待ち受けています）
live-probe-404 = 。サーバーにそのパスはありません
live-probe-503-workbook = 。サーバーはまだ準備ができていないと答えています（このサーバーはモデルの読み込みが終わるまでそう答えます）
live-probe-503 = 。サーバーは 503 Service Unavailable、つまりまだ準備ができていないと答えています
live-probe-timeout = 。サーバーがプローブの timeoutSeconds 以内に応答しません
live-not-ready = { $which } は動いていますが Ready ではないので、どの Service もリクエストを送りません：{ $probe }{ $probe_text } が失敗しています{ $meaning }{ $wrong_port }。kubelet のメッセージ（{ $times } 回）：{ $message }
live-not-ready-yet = { $which } は動いていますが Ready ではないので、どの Service もリクエストを送りません：{ $probe }{ $probe_text } がまだ成功していません{ $wrong_port }。{ $patience }が、これが続くならプローブは失敗しています
live-patience-workbook = モデルを読み込み中のサーバーは数秒間 Ready になりません
live-patience-other = 起動中のサーバーはしばらく Ready になりません

## クラスターを診る doctor：待ち続ける Pod（live/pods.rs）。

live-kubelet-says = 。kubelet のメッセージ：{ $message }
live-scheduler-says = 。メッセージ：{ $message }
live-unschedulable = Pending のままです：スケジューラーが置けるノードを見つけられません{ $says }
live-unschedulable-fix = Insufficient cpu や memory なら、コンテナの resources.requests を減らすか、minikube に多く割り当ててください（minikube delete のあと minikube start --cpus 4 --memory 8g）。kubectl describe pod { $pod } -n { $ns } でスケジューラーの理由がわかります
live-container = コンテナ { $name }
live-init-container = init コンテナ { $name }
live-restart-pod = kubectl delete pod { $pod } -n { $ns } を実行します。Deployment が新しい Pod を作り、その Pod はイメージを見つけます
live-never-pull = { $which } は ErrImageNeverPull で待っています：ノードにイメージ { $image } がなく、imagePullPolicy: Never なので pull もできません{ $says }
live-never-pull-fix = イメージをノードに読み込んでください：minikube image load { $image }（ノードにあるものは minikube image ls で一覧できます）。そのあと { $restart }
live-cannot-pull = { $which } は { $reason } で待っています：ノードが { $registry } から { $image } を pull できません{ $says }
live-cannot-pull-fix = { $registry } にちょうどこの名前とタグ（{ $image }）があるか確かめてください（どちらかの打ち間違いや、push していないタグなら、上のメッセージは `not found` / `manifest unknown` になります）。ノードが { $registry } に届くか（minikube ssh -- curl -sI https://{ $host }/v2/）も確かめます。非公開のリポジトリなら Pod に imagePullSecret を与え、自分でビルドするイメージなら先にそこへ push してください（docker push { $image }）。そのあと { $restart }
live-pull-latest = { $image } を動かしますが、タグが :latest なので imagePullPolicy は Always です。ノードは起動のたびにレジストリからイメージを pull し（minikube image load で読み込んであっても）、どのレジストリにもそのイメージはありません
live-pull-latest-fix = タグを固定してください：{ $pinned } をビルドして読み込み（docker build -t { $pinned } . のあと minikube image load { $pinned }）、Deployment でそのタグを imagePullPolicy: IfNotPresent と一緒に使って、もう一度 apply します
live-pull-always = imagePullPolicy: Always なので、ノードは起動のたびに { $image } をレジストリから pull します（minikube image load で読み込んであっても）。どのレジストリにもそのイメージはありません
live-pull-always-fix = Deployment に imagePullPolicy: IfNotPresent を設定し、イメージを読み込んで（minikube image load { $image }）、Deployment をもう一度 apply してください
live-pull-missing = ノードにイメージ { $image } がないのでレジストリを探しますが、そこにもありません
live-pull-missing-fix = イメージをノードに読み込んでください：minikube image load { $image }（docker images に出てこなければ先にビルドします）。そのあと { $restart }
live-waits = { $which } は { $reason } で待っています：{ $why }{ $says }
live-cannot-start = { $which } を起動できません：{ $reason } で待っています{ $says }
live-cannot-start-fix = メッセージに出ているもの（足りない ConfigMap や Secret、間違ったイメージ名、実行できないコマンド）を直して、Deployment をもう一度 apply してください。kubectl describe pod { $pod } -n { $ns } の Events に kubelet が試したことが出ます

## クラスターを診る doctor：Service、オートスケーラー、読み込んだオブジェクト（live/）。

live-service-no-pods = 名前空間 { $ns } に Pod が一つもありません（Deployment は apply しましたか？ kubectl get deployments -n { $ns }）
live-service-none-carries = 名前空間 { $ns } の { $count } 個の Pod のどれもそのラベルを持っていません
live-service-none-carries-have = 名前空間 { $ns } の { $count } 個の Pod のどれもそのラベルを持っていません（Pod のラベルは { $have }）
live-service-no-endpoints = エンドポイントがありません：selector は { $selector } ですが、{ $whose }。そのため Service へのリクエストはすべて失敗します（connection refused）
live-service-no-endpoints-fix = Service の selector を Deployment の Pod テンプレートのラベル（spec.template.metadata.labels）と同じにして、もう一度 apply してください。そうすれば kubectl get endpointslices -l kubernetes.io/service-name={ $service } -n { $ns } に Pod が並びます
live-service-none-ready = Ready なエンドポイントがありません：selector { $selector } に合う Pod は { $count } 個ありますが、どれも Ready ではないので、どれかが Ready になるまで Service へのリクエストはすべて失敗します（connection refused）
live-service-none-ready-fix = Pod を Ready にしてください：Ready にならない理由は、上の doctor の指摘と kubectl describe pod -l { $selector } -n { $ns } でわかります
live-hpa-its-target = 対象
live-hpa-cannot-scale = { $target } をスケールできません（AbleToScale=False、{ $reason }）。HPA のメッセージ：{ $message }
live-hpa-cannot-scale-fix = spec.scaleTargetRef が同じ名前空間の Deployment を正確に指すようにしてください（apiVersion: apps/v1、kind: Deployment、その metadata.name）。kubectl get deployments -n { $ns } で一覧できます
live-hpa-pods-unready = Pod が動いていないか Ready ではないので、測るものがありません
live-hpa-pods-unready-fix = まず Pod を動かして Ready にしてください（上の doctor の指摘を見てください）。HPA はそれに続きます
live-hpa-no-request = Pod のコンテナが CPU を要求していません（resources.requests.cpu）。使用率はその要求に対する割合です
live-hpa-no-request-fix = Deployment のすべてのコンテナに resources.requests.cpu（例：250m）を設定して、もう一度 apply してください。1 分ほどで kubectl get hpa に割合が出ます
live-hpa-no-metrics = Pod の CPU 使用量に答える metrics-server がありません
live-hpa-no-metrics-fix = metrics-server を有効にしてください：minikube addons enable metrics-server。kubectl top pods -n { $ns } が答えるようになれば（1 分ほど）、HPA も動きます
live-hpa-no-figure = Pod の CPU の値が得られていません
live-hpa-no-figure-fix = すべてのコンテナに resources.requests.cpu（例：250m）を設定し、metrics-server を有効にしてください（minikube addons enable metrics-server）。kubectl describe hpa { $hpa } -n { $ns } で状態がわかります
live-hpa-unknown = kubectl get hpa は { $shows } と表示し、スケールしません：{ $cause }（ScalingActive=False、{ $reason }）。HPA のメッセージ：{ $message }
live-not-reported = クラスターが返すオブジェクトの形ではありません：{ $path }: { $error }
live-not-reported-fix = doctor には `kubectl get pods,svc,endpointslices,hpa,events -n NAMESPACE -o yaml` の出力をそのまま渡してください
live-and-more = （ほかに { $owner } の Pod が { $count } 個）

## コンテナが話すもの、与えるプローブ（app/listener.rs）。

listener-workbook = workbook のサーバー
listener-app-protocol = Service { $service } がポートに appProtocol { $protocol } を付けている
listener-port-named = ポートの名前が { $name }
listener-service-names = Service { $service } がポートを { $name } と名付けている
listener-port-is-whose = ポート { $number } は { $what } のポート
listener-port-is-usual = ポート { $number } はよく使われる { $what } のポート
listener-image-is = イメージが { $image }
listener-unknown = 何を話すのか doctor にはわからない
probes-advice-workbook = コンテナのポートに readinessProbe（httpGet /ready）と livenessProbe（httpGet /health）を追加してください
probes-advice-http = readinessProbe と livenessProbe を追加してください：ポート { $port } への httpGet{ $scheme }（{ $because }）で、サーバーが 200 を返すパス（/ やヘルスチェック用のパスなど）を使います
probes-advice-other = readinessProbe と livenessProbe を追加してください：ポート { $port } への tcpSocket（{ $because }。HTTP ではないので httpGet のプローブは失敗します）{ $exec }
probes-advice-unknown = readinessProbe と livenessProbe を追加してください：ポート { $port } への tcpSocket はどんなサーバーにも使えます（HTTP を話すかどうか doctor にはわかりません。話すなら、応答するパスへの httpGet のほうが多くを確かめられます）
probes-exec-any = 。またはイメージにあるコマンドでの exec プローブ
probes-exec-example = 。またはイメージにあるコマンドでの exec プローブ（例：`{ $command }`。{ $what } のイメージにはたいていあります）

## check-manifests --production：kube-linter のチェックと、それぞれの直し方（lint/）。

lint-message = [{ $check }] { $problem }。直し方：{ $remediation }
lint-fix-dangling-service = selector を、同じ名前空間にあるワークロードの Pod テンプレートのラベルに合わせてください
lint-fix-deprecated-service-account-field = serviceAccountName を使ってください。serviceAccount は非推奨の古い名前です
lint-fix-docker-sock = コンテナランタイムのソケットをマウントしないでください。それと話せる人はノードを支配できます
lint-fix-drop-net-raw-capability = NET_RAW（または ALL）を securityContext.capabilities.drop に書き、add には決して書かないでください。プロセスがネットワークのパケットを偽造できるようになります
lint-fix-duplicate-env-var = 名前ごとに一つだけにしてください。効くのは最後の一つだけで、ほかは読む人を惑わせます
lint-fix-env-var-secret = 秘密の値をマニフェストに書かないでください。Secret から取る（valueFrom.secretKeyRef）か、Secret をファイルとしてマウントします
lint-fix-host-ipc = hostIPC: true を消してください。Pod がノードのプロセス間通信を共有してしまいます
lint-fix-host-network = hostNetwork: true を消してください。Pod が Service や NetworkPolicy を通らず、ノードのネットワークを直接使ってしまいます
lint-fix-host-pid = hostPID: true を消してください。Pod からノードのすべてのプロセスが見え、シグナルも送れてしまいます
lint-fix-invalid-target-ports = ポート名は 15 文字以内で、a-z、0-9、'-' だけを使い、英字を 1 つ以上含み、'--' を含まず、先頭と末尾は '-' にしません。ポート番号は 1〜65535 です
lint-fix-latest-tag = バージョンのタグ（またはダイジェスト）に固定してください。:latest やタグなしでは、どのイメージが動いているのか誰にもわからず、前のものに戻すこともできません
lint-fix-liveness-port = コンテナが ports で宣言している TCP ポートを、番号か名前でプローブしてください
lint-fix-mismatching-selector = spec.selector を Pod テンプレートのラベルに合わせてください
lint-fix-no-anti-affinity = topologyKey kubernetes.io/hostname と、Pod に合う labelSelector を持つ podAntiAffinity の項目を追加して、スケジューラーがレプリカを別々のノードに置くようにしてください
lint-fix-no-extensions-v1beta = apps/v1（Deployment、DaemonSet、ReplicaSet）か networking.k8s.io/v1（Ingress、NetworkPolicy）を使ってください
lint-fix-no-read-only-root-fs = コンテナの securityContext に readOnlyRootFilesystem: true を設定してください（プログラムが書き込む場所には emptyDir をマウントします）
lint-fix-non-existent-service-account = 同じ名前空間に ServiceAccount を作るか、存在するものを指定してください
lint-fix-pdb-max-unavailable = 少なくとも 1 つの Pod が使えなくなることを許してください。そうしないと、その Pod が動くノードはいつまでも drain できません
lint-fix-pdb-min-available = minAvailable をレプリカ数より小さくしてください。そうしないと、その Pod が動くノードはいつまでも drain できません
lint-fix-pdb-unhealthy-pod-eviction-policy = unhealthyPodEvictionPolicy: AlwaysAllow を設定して、Ready でない Pod が drain を止めないようにしてください
lint-fix-privilege-escalation-container = allowPrivilegeEscalation: false を設定し、privileged: true も SYS_ADMIN ケーパビリティも使わないでください
lint-fix-privileged-container = privileged: true を消してください。特権コンテナはノード上の root です
lint-fix-readiness-port = コンテナが ports で宣言している TCP ポートを、番号か名前でプローブしてください
lint-fix-run-as-non-root = Pod かコンテナの securityContext に runAsNonRoot: true と 0 以外の runAsUser を設定してください
lint-fix-sensitive-host-mounts = ノードのシステムフォルダー（/、/boot、/dev、/etc、/lib、/proc、/sys、/usr）をコンテナにマウントしないでください
lint-fix-ssh-port = ポート 22 を公開しないでください。コンテナには SSH サーバーではなく kubectl exec で入ります
lint-fix-startup-port = コンテナが ports で宣言している TCP ポートを、番号か名前でプローブしてください
lint-fix-unsafe-sysctls = その sysctl を消してください。kube-linter は kernel.msg*、kernel.sem*、kernel.shm*、fs.mqueue.*、net.* をノード上のほかの Pod に影響しうるものと見なします
lint-fix-unset-cpu-requirements = resources.requests.cpu を設定してください。スケジューラーはその分を確保し、CPU で動く HPA はそれを基準に測ります
lint-fix-unset-memory-requirements = resources.limits.memory を設定してください。メモリーを漏らすコンテナがノードを食いつぶす前に再起動されます
lint-duplicate-env-var = コンテナ { $container } が { $variable } を 2 回以上設定しています
lint-invalid-port-name = コンテナ { $container } のポート名 { $name } が規則に合いません：{ $problems }
lint-latest-tag = コンテナ { $container } が動かす { $image } にはバージョンのタグがありません
lint-ssh-port = コンテナ { $container } がポート 22（{ $protocol }）を公開しています
lint-no-cpu-request = コンテナ { $container } が CPU を要求していません
lint-no-memory-limit = コンテナ { $container } にメモリーの上限がありません
lint-service-account-field = serviceAccount { $name } が設定されています
lint-adds-capability = コンテナ { $container } が { $capability } を追加しています
lint-no-drop-net-raw = コンテナ { $container } が NET_RAW を drop していません
lint-env-var-secret = コンテナ { $container } が { $variable } をマニフェストに直接書かれた値で受け取っています
lint-host-ipc = Pod がノードの IPC 名前空間を共有しています
lint-host-network = Pod がノードのネットワーク名前空間を共有しています
lint-host-pid = Pod がノードのプロセス名前空間を共有しています
lint-writable-root-fs = コンテナ { $container } がルートファイルシステムに書き込めます
lint-no-service-account = ServiceAccount { $name } はこのマニフェストにありません（名前空間 { $namespace }）
lint-privileged = コンテナ { $container } は特権コンテナです
lint-pdb-max-zero = maxUnavailable が 0 です：どの Pod も退避（evict）できません
lint-pdb-not-a-number = { $value } は数でも割合でもありません
lint-pdb-min-all = minAvailable が 100% です：どの Pod も退避（evict）できません
lint-pdb-min-replicas = { $workload } のレプリカは { $replicas } 個で、minAvailable は { $min } です：どの Pod も退避（evict）できません
lint-pdb-no-eviction-policy = unhealthyPodEvictionPolicy が設定されていません（既定では Ready でない Pod が drain を止めます）
lint-service-no-selector = Service に selector がありません
lint-dangling-service = 名前空間 { $namespace } のどの Pod テンプレートもラベル { $labels } を持っていません
lint-target-port-range = targetPort { $port } は 1〜65535 でなければなりません
lint-target-port-name = targetPort { $name } が規則に合いません：{ $problems }
lint-workload-no-selector = ワークロードに selector がありません
lint-selector-mismatch = { $selector } が Pod テンプレートのラベル（{ $labels }）を選びません
lint-no-anti-affinity = レプリカが { $replicas } 個あるのに podAntiAffinity がありません：すべてが一つのノードで動くかもしれません
lint-anti-affinity-no-term = レプリカが { $replicas } 個あるのに、podAntiAffinity に preferred の項目も required の項目もありません
lint-term-namespaces = その namespaces { $list } に { $namespace } が入っていません
lint-term-topology = その topologyKey が kubernetes.io/hostname ではなく { $key } です
lint-term-selector = その labelSelector（{ $selector }）が Pod（{ $labels }）を選びません
lint-none = なし
lint-anti-affinity-term = レプリカは { $replicas } 個ですが、{ $problem }
lint-escalation-allowed = コンテナ { $container } が allowPrivilegeEscalation: true を設定しています
lint-escalation-privileged = コンテナ { $container } は特権コンテナで、権限の昇格ができます
lint-escalation-sys-admin = コンテナ { $container } が SYS_ADMIN を追加していて、権限の昇格ができます
lint-root-user-zero = コンテナ { $container } は runAsNonRoot なのに runAsUser が 0 です：kubelet は起動を拒みます
lint-may-run-as-root = コンテナ { $container } は root で動くかもしれません（runAsNonRoot が設定されていません）
lint-host-mount = ノードの { $path } がコンテナ { $container } にマウントされています
lint-probe-port = コンテナ { $container } は TCP ポート { $port } を宣言していません
lint-removed-api = { $version } は Kubernetes から削除されました（1.16、Ingress は 1.22）：API サーバーは受け付けません

## マニフェストの読み込み (manifests.rs)
manifest-folder-unreadable = フォルダーを読めません: { $error }
manifest-not-regular = 普通のファイルではありません
manifest-no-such-path = そのファイルもフォルダーもありません
manifest-too-large = { $bytes } バイトを超えていて、マニフェストとしては大きすぎます
manifest-not-text = テキストファイルではありません（UTF-8 として読めません）
manifest-unreadable = 読めません: { $error }
manifest-document = { $number } 番目のドキュメント
manifest-invalid-yaml = YAML として正しくありません: { $error }
manifest-unknown-field = 知らないフィールド `{ $field }` です（つづりの間違いか、インデントの位置違い？）。クラスターは --validate=strict では拒否し、そうでなければ黙って無視します
manifest-not-mapping = マニフェストは apiVersion、kind、metadata を持つマッピングでなければなりません
manifest-missing = `{ $field }` がありません
manifest-kind-unchecked = kind { $kind }（{ $api_version }）はこのツールではチェックしません

## Dockerfile の読み込み (dockerfile.rs)
dockerfile-before-from = { $line } 行目: FROM より前に { $keyword } があります。Dockerfile は FROM から始まります
dockerfile-copy-paths = { $line } 行目: { $keyword } にはコピー元とコピー先が必要です
dockerfile-no-from = FROM 命令がありません。これは Dockerfile ではありません
dockerfile-from-words = { $line } 行目: FROM に書けるのはイメージと、省略できる `AS 名前` だけです
dockerfile-unknown-instruction = { $line } 行目: 知らない命令 { $keyword } です。`docker build` はここで止まります

## クラスターへの問い合わせ (cluster.rs)。`cluster-failed` はクラスターの名前と、それがどうだったか。
cluster-start-one = `minikube start` で起動するか（~/.kube/config が書かれます）、KUBECONFIG にあなたの kubeconfig を指定してください
cluster-start-or-choose = `minikube start` で起動するか（~/.kube/config が書かれます）、KUBECONFIG にあなたの kubeconfig を指定するか、`kubectl config use-context 名前` で選んでください
cluster-start-it = minikube なら `minikube start` で起動してください（動いているかどうかは `minikube status` で分かります）
cluster-none = 問い合わせるクラスターがありません: { $why }。{ $start }
cluster-no-kubeconfig = { $path } に kubeconfig がありません
cluster-kubeconfig-unreadable = kubeconfig { $path } を読めません: { $error }
cluster-no-home = ~/.kube/config を探すホームフォルダーがなく、KUBECONFIG も設定されていません
cluster-kubeconfig-unusable = kubeconfig が使えません: { $error }
cluster-no-context = kubeconfig に現在のコンテキストがありません
cluster-no-server = サーバーなし
cluster-name = コンテキスト { $context } のクラスター（{ $server }）
cluster-source = { $context }、名前空間 { $namespace }
cluster-failed = { $cluster }は{ $why }。{ $start }
cluster-unreachable-kubeconfig = この kubeconfig では接続できません: { $error }
cluster-unreachable = 接続できません: { $error }
cluster-refuses = 拒否しました: { $message }（{ $code } { $reason }）。読めるものは `kubectl auth can-i list pods` で分かります
cluster-no-answer = 応答しません: { $error }
cluster-no-answer-within = { $seconds } 秒以内に応答しません
