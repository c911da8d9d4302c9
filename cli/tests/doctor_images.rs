//! `workbook doctor --image IMAGE`: the doctor reads the ELF header of the program an image
//! starts (`docker create` + `docker cp`, nothing runs), and so catches case 07's arm64
//! program in an image labelled amd64 - which the image's own platform does not tell.

use assert_cmd::Command;
use workbook::{Lesson, build_image, inspect, repo_root};

const BROKEN: Lesson = Lesson::new(
    "trouble-07-broken",
    "lessons/05-troubleshooting/cases/07-exec-format-error/broken/Dockerfile",
);
const FIXED: Lesson = Lesson::new(
    "trouble-07-fixed",
    "lessons/05-troubleshooting/cases/07-exec-format-error/fixed/Dockerfile",
);

fn doctor_image(image: &str) -> (Option<i32>, String) {
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .current_dir(repo_root())
        .args(["doctor", "--image", image])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn an_arm64_program_in_an_image_labelled_for_this_machine_is_named() {
    let broken = build_image(&BROKEN);
    let host = inspect(&broken)["Architecture"]
        .as_str()
        .unwrap()
        .to_owned();
    let (code, stdout) = doctor_image(&broken);
    if host == "arm64" {
        // On an arm64 machine the "wrong" program is the right one.
        assert_eq!(code, Some(0), "{stdout}");
    } else {
        assert_eq!(code, Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!(
                "says it is for linux/{host}, but the program it starts, /busybox, is built for arm64"
            )) && stdout.contains("exec format error")
                && stdout.contains("Docker case 07"),
            "{stdout}"
        );
    }
    let (code, stdout) = doctor_image(&build_image(&FIXED));
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.ends_with("1 images looked at: 0 errors, 0 warnings\n"),
        "{stdout}"
    );
}

#[test]
fn an_image_docker_does_not_have_and_a_missing_image_argument() {
    let (code, stdout) = doctor_image("model-in-image-workbook/never-built:v0");
    assert_eq!(code, Some(0), "a warning alone: {stdout}");
    assert!(
        stdout.contains(
            "the image model-in-image-workbook/never-built:v0 is not in this machine's Docker"
        ),
        "{stdout}"
    );
    let output = Command::cargo_bin("workbook")
        .unwrap()
        .args(["doctor", "--image"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--image needs an image"));
}
