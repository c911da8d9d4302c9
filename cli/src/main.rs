//! The `workbook` command: `workbook --help` lists the commands, `workbook COMMAND --help`
//! explains one. The arguments are declared with clap's derive below; each command's work is
//! in the library (`workbook_cli`).
//!
//! `check-manifests` reads the manifests strictly and cross-checks them; prints one line per
//! finding and exits 1 when there is an error, 0 otherwise (warnings alone do not fail).
//! `--production` adds kube-linter's default checks (security context, anti-affinity,
//! PodDisruptionBudgets...), which lesson 4's learning manifests do not try to meet.
//!
//! `doctor` looks at Dockerfiles, manifests and the local images the manifests run - and at
//! live objects: a file of `kubectl get ... -o yaml` output, or with `--cluster` the cluster
//! the kubeconfig names (namespace model-in-image unless `--namespace`) - and names each
//! mistake of the troubleshooting chapter with its fix and the section to read. Each rule
//! checks what it assumes about the app (where the image comes from, what it holds, what the
//! container speaks) and, where it cannot tell, says so as a hint. Exit code: 0 when it finds
//! nothing, only warnings or only hints, 1 when it finds an error (with `--strict`, a warning
//! too; a hint never), 2 for a usage error or, with `--cluster`, no cluster to ask.
//!
//! `trouble` runs lesson 5's exercises (see `trouble.rs`): exit code 0 when done or fixed, 1
//! when not fixed (or `start` refuses to overwrite), 2 when it could not even try. `verify`
//! runs a lesson's tests and records the result for `trouble list`.
//!
//! Every usage error exits 2 with a line starting `usage: workbook`.

use std::{path::PathBuf, process::ExitCode};

use clap::{
    Args, Parser, Subcommand,
    error::{ContextKind, ErrorKind},
};
use workbook_cli::{Expectations, Severity, check, lint, load_path, trouble};

const USAGE: &str = "usage: workbook check-manifests [--production] [--image IMAGE] [--paths /health,/ready] FILE_OR_FOLDER...
       workbook doctor [--strict] [--no-docker] [--image IMAGE]... [--cluster [--namespace NS]] [FILE_OR_FOLDER...]
       workbook trouble [list | [start] N | check N | hint N | reset N]
       workbook verify N [CARGO TEST ARGS...]
       workbook --help (what each command does)";

/// The Model-in-Image workbook's helper: checks your Dockerfiles and Kubernetes manifests
/// before a cluster runs them, and runs the troubleshooting exercises.
#[derive(Parser)]
#[command(name = "workbook", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check Kubernetes manifests the way a cluster would, before you apply them
    ///
    /// Reads every YAML document strictly (a misspelled field is an error), then cross-checks
    /// the objects: Services that select no Pod, probes on undeclared ports, HPAs without
    /// resource requests... One line per finding; exit code 1 when there is an error.
    CheckManifests(CheckManifests),
    /// Name the mistakes in your Dockerfiles, manifests, images or cluster, with the fix
    ///
    /// Each finding says what is wrong in plain words, how to fix it and the section of the
    /// book to read. Exit code 0 when it finds nothing, only warnings or only hints; 1 when it
    /// finds an error (with --strict, a warning too); 2 for a usage error or no cluster to ask.
    Doctor(Doctor),
    /// Lesson 5's troubleshooting exercises: start one, get a hint, check your fix
    ///
    /// `workbook trouble` alone shows your progress; `workbook trouble N` starts exercise N.
    /// Exit code 0 when done or fixed, 1 when not fixed, 2 when it could not even try.
    Trouble(Trouble),
    /// Run lesson N's tests and record the result for `workbook trouble list`
    ///
    /// Runs `cargo test -p LESSON-PACKAGE` with the arguments you add after N.
    #[command(override_usage = "workbook verify N [CARGO TEST ARGS]...")]
    Verify(Verify),
}

#[derive(Args)]
struct CheckManifests {
    /// Also run kube-linter's default checks (security context, anti-affinity,
    /// PodDisruptionBudgets...), which a production cluster expects
    #[arg(long)]
    production: bool,
    /// The image the Deployments should run, e.g. model-in-image-pattern:v1.0
    #[arg(long, value_name = "IMAGE", overrides_with = "image")]
    image: Option<String>,
    /// The paths the server answers, comma-separated: probes on other paths are errors
    #[arg(long, value_name = "/health,/ready", value_delimiter = ',')]
    paths: Option<Vec<String>>,
    /// Manifest files, or folders to read every .yml/.yaml file in
    #[arg(value_name = "FILE_OR_FOLDER", required = true)]
    files: Vec<PathBuf>,
}

#[derive(Args)]
struct Doctor {
    /// Fail (exit code 1) on a warning too, not only on an error
    #[arg(long)]
    strict: bool,
    /// Do not ask this machine's Docker about the images the manifests run
    #[arg(long)]
    no_docker: bool,
    /// Also look at this local image (repeat for more), e.g. model-in-image-pattern:v1.0
    #[arg(long = "image", value_name = "IMAGE")]
    images: Vec<String>,
    /// Ask the running cluster (the kubeconfig's, e.g. minikube) about its Pods, Services
    /// and HPAs
    #[arg(long)]
    cluster: bool,
    /// With --cluster: the namespace to look at [default: model-in-image]
    #[arg(long, value_name = "NS")]
    namespace: Option<String>,
    /// Dockerfiles, manifests, saved `kubectl get ... -o yaml` output, or folders of them
    #[arg(value_name = "FILE_OR_FOLDER")]
    files: Vec<PathBuf>,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct Trouble {
    #[command(subcommand)]
    action: Option<Action>,
    /// Start exercise N (the same as `workbook trouble start N`)
    #[arg(value_name = "N", value_parser = exercise_number)]
    exercise: Option<String>,
}

#[derive(Subcommand)]
enum Action {
    /// Show the exercises you fixed and the lessons whose tests passed
    List,
    /// Copy exercise N's broken files into exercises/ for you to fix
    Start(Exercise),
    /// Is exercise N fixed? The doctor on your files and, for a Docker case, your image run
    Check(Exercise),
    /// A nudge for exercise N
    Hint(Exercise),
    /// Start exercise N again (your folder is moved to exercises/.old/ first)
    Reset(Exercise),
}

#[derive(Args)]
struct Exercise {
    /// The exercise's number, as `workbook trouble list` shows it
    #[arg(value_name = "N", allow_hyphen_values = true)]
    n: Option<String>,
}

#[derive(Args)]
struct Verify {
    /// The lesson's number, then any arguments for `cargo test` (e.g. a test's name, or
    /// `-- --nocapture`), passed on as they are
    #[arg(
        value_name = "N [CARGO TEST ARGS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

/// `workbook trouble N` takes a number; anything else is a usage error (e.g. a misspelled
/// action), as before clap.
fn exercise_number(value: &str) -> Result<String, String> {
    if value.starts_with(|c: char| c.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err("give an exercise's number or one of list, start, check, hint, reset".into())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    match cli.command {
        Some(Command::CheckManifests(args)) => check_manifests(args),
        Some(Command::Doctor(args)) => doctor(args),
        Some(Command::Trouble(args)) => ExitCode::from(trouble(args)),
        Some(Command::Verify(Verify { args })) => match args.split_first() {
            Some((n, extra)) => ExitCode::from(trouble::verify(n, extra)),
            None => {
                eprintln!("which lesson? workbook verify N\n{USAGE}");
                ExitCode::from(2)
            }
        },
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// `--help` and `--version` print and exit 0; a usage error is clap's message with the
/// example an option needs, exit code 2. clap writes its usage heading as `Usage:`; the
/// workbook's usage lines have always started `usage: workbook`, which scripts and tests match.
fn usage_error(error: clap::Error) -> ExitCode {
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let mut text = error.render().to_string().replacen("Usage:", "usage:", 1);
    if matches!(error.kind(), ErrorKind::InvalidValue) {
        let arg = error
            .get(ContextKind::InvalidArg)
            .map(ToString::to_string)
            .unwrap_or_default();
        let example = if arg.starts_with("--image") {
            Some("--image needs an image, e.g. --image model-in-image-pattern:v1.0")
        } else if arg.starts_with("--namespace") {
            Some("--namespace needs a namespace, e.g. --namespace model-in-image")
        } else {
            None
        };
        if let Some(example) = example {
            text = format!("{example}\n{text}");
        }
    }
    // Some of clap's messages (a value it refuses) carry no usage line: add the workbook's.
    if !text.contains("usage: workbook") {
        text = format!("{text}{USAGE}\n");
    }
    eprint!("{text}");
    ExitCode::from(2)
}

fn check_manifests(args: CheckManifests) -> ExitCode {
    let expect = Expectations {
        image: args.image,
        server_paths: args.paths,
    };
    let mut manifests = Vec::new();
    let mut findings = Vec::new();
    for path in &args.files {
        let (m, f) = load_path(path);
        manifests.extend(m);
        findings.extend(f);
    }
    findings.extend(check(&manifests, &expect));
    if args.production {
        findings.extend(lint(&manifests));
    }
    for finding in &findings {
        println!("{finding}");
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    println!(
        "{}",
        workbook_cli::t!(
            "check-summary",
            objects = manifests.len(),
            errors = errors,
            warnings = warnings
        )
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The namespace of the guide's manifests, which `doctor --cluster` looks at by default.
const GUIDE_NAMESPACE: &str = "model-in-image";

fn doctor(args: Doctor) -> ExitCode {
    let options = workbook_cli::doctor::Options {
        no_docker: args.no_docker,
        images: args.images,
    };
    let paths = args.files;
    if args.namespace.is_some() && !args.cluster {
        eprintln!("--namespace goes with --cluster\n{USAGE}");
        return ExitCode::from(2);
    }
    if paths.is_empty() && options.images.is_empty() && !args.cluster {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    // The cluster first: when there is none, say so before anything else.
    let live = if args.cluster {
        let namespace = args.namespace.as_deref().unwrap_or(GUIDE_NAMESPACE);
        match workbook_cli::cluster::fetch(namespace) {
            Ok(found) => Some(found),
            Err(why) => {
                eprintln!("doctor --cluster: {why}");
                return ExitCode::from(2);
            }
        }
    } else {
        None
    };
    let mut report = if paths.is_empty() && options.images.is_empty() {
        workbook_cli::doctor::Report::default()
    } else {
        workbook_cli::doctor::examine(&paths, &options)
    };
    if let Some((source, objects)) = live {
        report
            .findings
            .extend(workbook_cli::live::diagnose(&source, &objects));
        report.live += objects.len();
        if objects.is_empty() {
            report.notes.push(workbook_cli::t!(
                "doctor-no-objects",
                source = source.as_str()
            ));
        }
    }
    for diagnosis in &report.findings {
        println!("{}\n", diagnosis.doctor());
    }
    for note in &report.notes {
        println!("{}: {note}", workbook_cli::t!("frame-note"));
    }
    let errors = report.errors();
    let warnings = report.count(Severity::Warning);
    let live = if report.live > 0 {
        workbook_cli::t!("doctor-summary-live", live = report.live)
    } else {
        String::new()
    };
    println!(
        "{}",
        workbook_cli::i18n::doctor_summary(
            report.dockerfiles,
            report.manifests,
            &live,
            report.images,
            errors,
            warnings,
            report.count(Severity::Hint),
        )
    );
    if errors > 0 || (args.strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `trouble`'s actions, each calling `trouble.rs`; an action without its number is a usage
/// error that names the missing number.
fn trouble(args: Trouble) -> u8 {
    let (action, n) = match (args.action, args.exercise) {
        (None, None) | (Some(Action::List), _) => return trouble::list(),
        (None, Some(n)) => return trouble::start(&n),
        (Some(Action::Start(e)), _) => ("start", e.n),
        (Some(Action::Check(e)), _) => ("check", e.n),
        (Some(Action::Hint(e)), _) => ("hint", e.n),
        (Some(Action::Reset(e)), _) => ("reset", e.n),
    };
    let Some(n) = n else {
        eprintln!("which exercise? give its number, e.g. workbook trouble {action} 4");
        return trouble::USAGE;
    };
    match action {
        "start" => trouble::start(&n),
        "check" => trouble::check(&n),
        "hint" => trouble::hint(&n),
        _ => trouble::reset(&n),
    }
}
