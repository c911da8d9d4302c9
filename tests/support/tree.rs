//! The guide's "project structure", as this workbook's own tree: drawn from the files git
//! knows (`git ls-files`, plus new files it does not ignore), so it can never list a file that
//! is not there. `just outputs` writes it to lessons/03-model-in-image/tree.txt
//! (`cargo run -p workbook-harness --example project-tree`); tests/book.rs checks the file is current.

use std::{collections::BTreeMap, process::Command};

use crate::repo_root;

/// Folders shown with their contents; every other folder is one line, `name/`.
const EXPANDED: &[&str] = &[
    "k8s",
    "lessons",
    "lessons/03-model-in-image",
    "lessons/03-model-in-image/src",
    "lessons/03-model-in-image/tests",
    "lessons/04-kubernetes-basics",
    "lessons/04-kubernetes-basics/k8s",
    "models",
];

/// What an entry is for, in the guide's manner (`# FastAPI app`); entries not listed get none.
const COMMENTS: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        "the workspace: every lesson is a crate (pyproject.toml)",
    ),
    (
        "Dockerfile",
        "the final image: lesson 06's server and the model",
    ),
    ("README.md", "the two commands: just run, just test"),
    ("book", "this book"),
    (
        "cli",
        "the workbook command: check-manifests, doctor, trouble",
    ),
    (
        "justfile",
        "every command of the book: just lesson-N... (run.sh)",
    ),
    ("k8s", "the production manifests (chapter 6)"),
    ("helpers", "small crates the lessons share: the ready line"),
    ("lessons/01-first-container", "chapter 1: a first image"),
    (
        "lessons/02-small-image",
        "chapter 2: the Dockerfile, built right",
    ),
    (
        "lessons/03-model-in-image",
        "this chapter: the model in the image",
    ),
    ("lessons/03-model-in-image/Dockerfile", "image build steps"),
    (
        "lessons/03-model-in-image/commands.sh",
        "the guide's docker commands, run by the tests",
    ),
    ("examples", "examples/project-tree.rs draws this tree"),
    (
        "lessons/03-model-in-image/commands.txt",
        "what they printed (just outputs)",
    ),
    (
        "lessons/03-model-in-image/tests/practice.rs",
        "runs commands.sh, as the book shows it",
    ),
    ("lessons/03-model-in-image/tree.txt", "this tree"),
    (
        "lessons/04-kubernetes-basics/guide",
        "the guide's example Deployment",
    ),
    (
        "lessons/04-kubernetes-basics/mistakes",
        "valid but wrong: what kubectl accepts",
    ),
    (
        "lessons/03-model-in-image/src/config.rs",
        "MODEL_FILEPATH, LABEL_FILEPATH, PORT",
    ),
    (
        "lessons/03-model-in-image/src/lib.rs",
        "loads the model, serves the routes",
    ),
    (
        "lessons/03-model-in-image/src/main.rs",
        "the server's entry point",
    ),
    (
        "lessons/03-model-in-image/src/model.rs",
        "inference logic (prediction.py)",
    ),
    (
        "lessons/03-model-in-image/src/routes.rs",
        "the HTTP routes (app.py)",
    ),
    (
        "lessons/03-model-in-image/tests/container.rs",
        "integration tests: the image, run",
    ),
    (
        "lessons/03-model-in-image/tests/model.rs",
        "unit tests: the model, in-process",
    ),
    ("lessons/04-kubernetes-basics", "chapter 4: Kubernetes"),
    (
        "lessons/04-kubernetes-basics/k8s/deployment.yml",
        "Deployment definition",
    ),
    ("lessons/04-kubernetes-basics/k8s/hpa.yml", "HPA definition"),
    (
        "lessons/04-kubernetes-basics/k8s/kustomization.yaml",
        "the four as one set: kubectl apply -k",
    ),
    (
        "lessons/04-kubernetes-basics/k8s/namespace.yml",
        "Namespace definition",
    ),
    (
        "lessons/04-kubernetes-basics/k8s/service.yml",
        "Service definition",
    ),
    ("lessons/05-troubleshooting", "chapter 5: broken on purpose"),
    ("lessons/06-production", "chapter 6: the production server"),
    ("models/iris_svc.onnx", "trained model"),
    ("models/label.json", "label mapping"),
    ("models/train.py", "trains and exports the model"),
    ("scripts", "what the just recipes run"),
    ("tests", "checks of the whole workbook (the book too)"),
];

#[derive(Default)]
struct Dir(BTreeMap<String, Option<Dir>>);

/// The tree, as `tree` would draw it, under the name of the project.
pub fn project_tree() -> String {
    let output = Command::new("git")
        .args(["ls-files", "--cached", "--others", "--exclude-standard"])
        .current_dir(repo_root())
        .output()
        .expect("git ls-files (is this a git checkout?)");
    assert!(output.status.success(), "git ls-files failed");
    let mut root = Dir::default();
    for path in String::from_utf8_lossy(&output.stdout).lines() {
        if path.starts_with('.') || !repo_root().join(path).exists() {
            continue;
        }
        let parts: Vec<&str> = path.split('/').collect();
        let mut dir = &mut root;
        for (i, part) in parts.iter().enumerate() {
            let is_file = i + 1 == parts.len();
            let entry = dir
                .0
                .entry(part.to_string())
                .or_insert_with(|| (!is_file).then(Dir::default));
            match entry {
                Some(sub) => dir = sub,
                None => break,
            }
        }
    }
    let mut out = String::from("model-in-image-workbook/\n");
    draw(&root, "", "", &mut out);
    out
}

fn draw(dir: &Dir, at: &str, indent: &str, out: &mut String) {
    let count = dir.0.len();
    for (i, (name, sub)) in dir.0.iter().enumerate() {
        let last = i + 1 == count;
        let path = if at.is_empty() {
            name.clone()
        } else {
            format!("{at}/{name}")
        };
        let shown = format!(
            "{indent}{}{name}{}",
            if last { "└── " } else { "├── " },
            if sub.is_some() { "/" } else { "" }
        );
        match COMMENTS.iter().find(|(p, _)| *p == path) {
            Some((_, comment)) => {
                let width = shown.chars().count();
                let pad = " ".repeat(52usize.saturating_sub(width).max(1));
                out.push_str(&format!("{shown}{pad}# {comment}\n"));
            }
            None => out.push_str(&format!("{shown}\n")),
        }
        if let Some(sub) = sub.as_ref().filter(|_| EXPANDED.contains(&path.as_str())) {
            let indent = format!("{indent}{}", if last { "    " } else { "│   " });
            draw(sub, &path, &indent, out);
        }
    }
}
