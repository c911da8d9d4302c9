//! The CLI's findings in both languages: the same runs of `workbook doctor` and `workbook
//! check-manifests` under `LANG=ja_JP.UTF-8` (Japanese) and `LC_ALL=C` (English, as the book
//! records them), each pinned by a snapshot.

use assert_cmd::Command;
use workbook_harness::repo_root;

/// stdout of `workbook ARGS...` with the locale variables `env` (and no others), never a panic.
fn workbook(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut command = Command::cargo_bin("workbook").unwrap();
    command
        .current_dir(repo_root())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const JAPANESE: &[(&str, &str)] = &[("LANG", "ja_JP.UTF-8")];
const ENGLISH: &[(&str, &str)] = &[("LC_ALL", "C")];

/// The run in both languages: the Japanese has no English sentence left where the English
/// has one, and both are pinned.
fn both(name: &str, args: &[&str], english_words: &str) {
    let (ja, en) = (workbook(JAPANESE, args), workbook(ENGLISH, args));
    assert!(en.contains(english_words), "{en}");
    assert!(!ja.contains(english_words), "still English: {ja}");
    insta::assert_snapshot!(format!("{name}-ja"), ja);
    insta::assert_snapshot!(format!("{name}-en"), en);
}

#[test]
fn the_doctor_on_a_dockerfile_speaks_the_locales_language() {
    both(
        "doctor-04",
        &[
            "doctor",
            "--no-docker",
            "lessons/05-troubleshooting/cases/04-listening-on-localhost/broken",
        ],
        "the server listens on the container's own loopback",
    );
}

#[test]
fn the_doctor_on_manifests_speaks_the_locales_language() {
    both(
        "doctor-11",
        &[
            "doctor",
            "--no-docker",
            "lessons/05-troubleshooting/cases/11-service-selector/broken",
        ],
        "selects no Pods of these manifests",
    );
    both(
        "doctor-13",
        &[
            "doctor",
            "--no-docker",
            "lessons/05-troubleshooting/cases/13-network-policy/broken",
        ],
        "allows none of their ports",
    );
}

#[test]
fn check_manifests_speaks_the_locales_language() {
    both(
        "check-manifests-mistakes",
        &["check-manifests", "lessons/04-kubernetes-basics/mistakes"],
        "is not a containerPort",
    );
}

#[test]
fn the_doctor_on_what_a_cluster_reports_speaks_the_locales_language() {
    both(
        "doctor-live-crash-loop",
        &[
            "doctor",
            "--no-docker",
            "cli/tests/fixtures/live/crash-loop.yaml",
        ],
        "is in CrashLoopBackOff",
    );
    both(
        "doctor-live-image-pull",
        &[
            "doctor",
            "--no-docker",
            "cli/tests/fixtures/live/image-pull.yaml",
        ],
        "waits in",
    );
}

#[test]
fn check_manifests_production_speaks_the_locales_language() {
    both(
        "production-traps",
        &[
            "check-manifests",
            "--production",
            "cli/tests/fixtures/production-traps.yaml",
        ],
        "Fix: ",
    );
}

#[test]
fn lc_all_c_wins_over_a_japanese_lang() {
    let args = [
        "doctor",
        "--no-docker",
        "lessons/05-troubleshooting/cases/11-service-selector/broken",
    ];
    assert_eq!(
        workbook(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")], &args),
        workbook(ENGLISH, &args)
    );
}

#[test]
fn what_check_manifests_cannot_read_is_named_in_the_locales_language() {
    both(
        "reading-errors",
        &["check-manifests", "cli/tests/fixtures/reading-errors.yaml"],
        "(misspelled, or at the wrong indentation?)",
    );
}

#[test]
fn a_dockerfile_the_doctor_cannot_read_is_named_in_the_locales_language() {
    both(
        "unreadable-dockerfile",
        &[
            "doctor",
            "--no-docker",
            "cli/tests/fixtures/unreadable-dockerfile",
        ],
        "`docker build` stops here",
    );
}

/// `doctor --cluster` with no cluster to ask: one line on stderr, exit code 2, in the locale's
/// language.
#[test]
fn no_cluster_to_ask_is_said_in_the_locales_language() {
    let run = |env: &[(&str, &str)]| {
        let mut command = Command::cargo_bin("workbook").unwrap();
        command
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("KUBECONFIG", "/no/such/folder/kubeconfig");
        for (key, value) in env {
            command.env(key, value);
        }
        let output = command.args(["doctor", "--cluster"]).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let (ja, en) = (run(JAPANESE), run(ENGLISH));
    assert_eq!(
        en,
        "doctor --cluster: no cluster to ask: there is no kubeconfig at /no/such/folder/kubeconfig; \
         start one with `minikube start` (it writes ~/.kube/config), or point KUBECONFIG at yours\n"
    );
    assert_eq!(
        ja,
        "doctor --cluster: 問い合わせるクラスターがありません: /no/such/folder/kubeconfig に kubeconfig \
         がありません。`minikube start` で起動するか（~/.kube/config が書かれます）、KUBECONFIG にあなたの \
         kubeconfig を指定してください\n"
    );
}
