//! What the checks report. A [`Finding`] is check-manifests' line: where (file, object,
//! field), what is wrong, and how bad. A [`Diagnosis`] is the doctor's: where, what happens
//! because of it, the fix and the section of the book to read ([`read`]).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The cluster would refuse it or it would not work.
    Error,
    /// It works, but is a trap a learner falls into.
    Warning,
    /// Worth knowing, but the doctor cannot tell whether it is a problem for this app: it says
    /// what it would need to know. Never fails a run, not even with `--strict`.
    Hint,
}

impl Severity {
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// The file, as given.
    pub file: String,
    /// `Kind/name`, or the document number when the kind is unknown.
    pub object: String,
    /// The field at fault, as a path like `spec.template.spec.containers[0].image`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.severity.word(),
            self.file,
            self.object
        )?;
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One problem: where, what happens because of it, what to do, what to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub severity: Severity,
    /// `file:line`, or `file: Kind/name: field`, or an image.
    pub location: String,
    pub problem: String,
    pub fix: String,
    pub read: &'static str,
}

impl fmt::Display for Diagnosis {
    /// The framing words (severity, `fix`, `read`) are in the locale's language
    /// ([`crate::i18n`]); the problem and fix themselves are still English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::diagnosis(
            self.severity,
            &self.location,
            &self.problem,
            &self.fix,
            self.read,
        ))
    }
}

/// The chapter sections the diagnoses point to. A lab case's reference (its title and the
/// anchor of its section) comes from the case manifest, lessons/05-troubleshooting/cases.toml.
pub mod read {
    /// The reference to the troubleshooting lab's case `number`, e.g. `Troubleshooting, Docker
    /// case 01: the ONNX Runtime library is missing (book/src/05-troubleshooting/docker.md#case-01-...)`.
    pub fn case(number: u32) -> &'static str {
        crate::cases::reference(number).unwrap_or_else(|| {
            panic!("case {number} is not in lessons/05-troubleshooting/cases.toml")
        })
    }
    pub const BASE: &str = "The Dockerfile, built right (book/src/02-small-image/README.md)";
    pub const MANIFESTS: &str =
        "kubectl and manifests (book/src/04-kubernetes-basics/kubectl-and-manifests.md)";
    pub const LIVE: &str = "Troubleshooting, Kubernetes cases: ask the doctor about a running cluster (book/src/05-troubleshooting/kubernetes.md)";
}
