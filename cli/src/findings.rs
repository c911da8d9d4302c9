//! What the checks report: where (file, object, field), what is wrong, and how bad.

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
