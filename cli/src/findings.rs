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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {}: {}",
            self.severity.word(),
            self.location,
            self.problem
        )?;
        writeln!(f, "  fix: {}", self.fix)?;
        write!(f, "  read: {}", self.read)
    }
}

/// The chapter sections the diagnoses point to.
pub mod read {
    pub const ORT: &str = "Troubleshooting, Docker case 01: the ONNX Runtime library is missing (book/src/05-troubleshooting/docker.md)";
    pub const MODEL: &str = "Troubleshooting, Docker case 02: the model file is not in the image (book/src/05-troubleshooting/docker.md)";
    pub const ENTRYPOINT: &str = "Troubleshooting, Docker case 03: the wrong entrypoint (book/src/05-troubleshooting/docker.md)";
    pub const LOCALHOST: &str = "Troubleshooting, Docker case 04: listening on 127.0.0.1 inside the container (book/src/05-troubleshooting/docker.md)";
    pub const PORT: &str =
        "Troubleshooting, Docker case 05: the wrong port (book/src/05-troubleshooting/docker.md)";
    pub const SIZE: &str = "Troubleshooting, Docker case 06: the image is too large (book/src/05-troubleshooting/docker.md)";
    pub const ARCH: &str = "Troubleshooting, Docker case 07: exec format error (book/src/05-troubleshooting/docker.md)";
    pub const BASE: &str = "The Dockerfile, built right (book/src/02-small-image/README.md)";
    pub const PROBES: &str = "Troubleshooting, Kubernetes case 08: the HEALTHCHECK Kubernetes ignores (book/src/05-troubleshooting/kubernetes.md)";
    pub const IMAGE_PULL: &str = "Troubleshooting, Kubernetes case 09: ImagePullBackOff and ErrImageNeverPull (book/src/05-troubleshooting/kubernetes.md)";
    pub const CRASH_LOOP: &str = "Troubleshooting, Kubernetes case 10: CrashLoopBackOff (book/src/05-troubleshooting/kubernetes.md)";
    pub const SELECTOR: &str = "Troubleshooting, Kubernetes case 11: the Service selects no Pods (book/src/05-troubleshooting/kubernetes.md)";
    pub const TARGET_PORT: &str = "Troubleshooting, Kubernetes case 12: the wrong targetPort (book/src/05-troubleshooting/kubernetes.md)";
    pub const NETWORK_POLICY: &str = "Troubleshooting, Kubernetes case 13: a NetworkPolicy blocks the port (book/src/05-troubleshooting/kubernetes.md)";
    pub const HPA: &str = "Troubleshooting, Kubernetes case 14: the HPA shows <unknown> (book/src/05-troubleshooting/kubernetes.md)";
    pub const MANIFESTS: &str =
        "kubectl and manifests (book/src/04-kubernetes-basics/kubectl-and-manifests.md)";
    pub const LIVE: &str = "Troubleshooting, Kubernetes cases: ask the doctor about a running cluster (book/src/05-troubleshooting/kubernetes.md)";
}
