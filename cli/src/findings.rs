//! What the checks report: one [`Finding`] - how bad, where, what is wrong, the fix and the
//! section of the book to read ([`Read`]) - for check-manifests, the doctor and the live
//! checks alike. It has two renderings: check-manifests' one line ([`Finding`]'s `Display`:
//! `SEVERITY: LOCATION: PROBLEM`) and the doctor's three ([`Finding::doctor`]: the same line,
//! then `  fix: ...` and `  read: ...`).

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
    /// The English word (`error`, `warning`, `hint`); [`crate::i18n::severity`] is the
    /// locale's.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// One problem: how bad, where, what happens because of it, what to do, what to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// `file:line` (a Dockerfile), `file: Kind/name[: field]` (a manifest, see [`at`]), or an
    /// image.
    pub location: String,
    /// What is wrong, in the locale's language.
    pub problem: String,
    /// What to do about it, in the locale's language.
    pub fix: String,
    /// The book's section that teaches it.
    pub read: Read,
}

/// A manifest's location: `file: Kind/name`, then `: field` when there is one (a path like
/// `spec.template.spec.containers[0].image`).
pub fn at(file: &str, object: &str, field: &str) -> String {
    if field.is_empty() {
        format!("{file}: {object}")
    } else {
        format!("{file}: {object}: {field}")
    }
}

impl Finding {
    /// A manifest's finding whose fix is only "correct the field as the message says" (a
    /// schema error, a kube-linter check): check-manifests prints no fix, the doctor this one.
    pub fn in_manifest(severity: Severity, location: String, problem: String) -> Finding {
        Finding {
            severity,
            location,
            problem,
            fix: crate::t!("manifest-fix-field"),
            read: Read::Manifests,
        }
    }

    /// The doctor's rendering: the line, then the fix and the section to read, the framing
    /// words in the locale's language ([`crate::i18n`]).
    pub fn doctor(&self) -> String {
        crate::i18n::diagnosis(
            self.severity,
            &self.location,
            &self.problem,
            &self.fix,
            &self.read.to_string(),
        )
    }
}

/// check-manifests' rendering: `SEVERITY: LOCATION: PROBLEM`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            crate::i18n::severity(self.severity),
            self.location,
            self.problem
        )
    }
}

/// The chapter sections the findings point to, written in the locale's language when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The troubleshooting lab's case (its title and the anchor of its section come from the
    /// case manifest, lessons/05-troubleshooting/cases.toml).
    Case(u32),
    /// The Dockerfile, built right (book/src/02-small-image/README.md).
    Base,
    /// kubectl and manifests (book/src/04-kubernetes-basics/kubectl-and-manifests.md).
    Manifests,
    /// Troubleshooting, Kubernetes cases: the doctor on a running cluster.
    Live,
}

impl fmt::Display for Read {
    /// E.g. `Troubleshooting, Docker case 01: the ONNX Runtime library is missing
    /// (book/src/05-troubleshooting/docker.md#case-01-...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::t;
        let text = match *self {
            Read::Case(number) => {
                let case = read::known(number);
                let title = match crate::i18n::lang() {
                    crate::i18n::Lang::Ja => case.plain_title_ja(),
                    crate::i18n::Lang::En => case.plain_title(),
                };
                t!(
                    "read-case",
                    kind = case.kind.word(),
                    nn = format!("{:02}", case.number),
                    title = title,
                    link = case.book_link(),
                )
            }
            Read::Base => t!("read-base"),
            Read::Manifests => t!("read-manifests"),
            Read::Live => t!("read-live"),
        };
        f.write_str(&text)
    }
}

/// The sections by name, as the rules write them: `read::case(4)`, `read::BASE`.
pub mod read {
    use super::Read;

    /// The troubleshooting lab's case `number` (which must be in the case manifest).
    pub fn case(number: u32) -> Read {
        known(number);
        Read::Case(number)
    }

    pub(super) fn known(number: u32) -> &'static crate::cases::Case {
        crate::cases::get(number).unwrap_or_else(|| {
            panic!("case {number} is not in lessons/05-troubleshooting/cases.toml")
        })
    }

    pub const BASE: Read = Read::Base;
    pub const MANIFESTS: Read = Read::Manifests;
    pub const LIVE: Read = Read::Live;
}
