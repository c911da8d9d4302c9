//! A container that ran: the exit code of its last run (CrashLoopBackOff), or a readiness
//! probe that fails.

use k8s_openapi::{
    api::core::v1::{Container, ContainerStatus, Event, Probe},
    apimachinery::pkg::util::intstr::IntOrString,
};

use crate::{
    Severity,
    app::{Speaks, is_workbook_image},
    findings::{Finding, read},
    t,
};

/// One container of a Pod as the kubelet reports it, with what every rule on it needs: where
/// to say it, the Pod's name and namespace (for the commands a fix gives), the container in
/// words, its status, and its declaration in the Pod's spec.
pub(crate) struct Reported<'a> {
    /// `SOURCE: Pod/NAME`.
    pub(crate) at: &'a str,
    pub(crate) pod: &'a str,
    pub(crate) ns: &'a str,
    /// `container "NAME"`, `init container "NAME"`, in the locale's language.
    pub(crate) which: &'a str,
    pub(crate) status: &'a ContainerStatus,
    pub(crate) declared: Option<&'a Container>,
}

impl Reported<'_> {
    /// The image as the spec names it (the status may hold a resolved digest).
    pub(crate) fn image(&self) -> &str {
        self.declared
            .and_then(|c| c.image.as_deref())
            .unwrap_or(&self.status.image)
    }
}

pub(crate) fn diagnose_crash_loop(container: &Reported, message: Option<&str>) -> Finding {
    let Reported {
        at,
        pod,
        ns,
        which,
        status,
        ..
    } = *container;
    let image = container.image();
    // What the workbook's server does when a file is missing is known; another program's is not.
    let workbook = is_workbook_image(image);
    let last = status
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref());
    let logs = format!("kubectl logs {pod} -n {ns} --previous");
    let (what, fix, read) = match last {
        None => (
            t!("live-keeps-stopping"),
            t!("live-read-logs-fix", logs = logs.as_str()),
            read::case(10),
        ),
        Some(last) => {
            let code = last.exit_code;
            let reason = last.reason.as_deref().unwrap_or_default();
            let exited = if reason.is_empty() {
                t!("live-exited", code = code.to_string())
            } else {
                t!(
                    "live-exited-reason",
                    code = code.to_string(),
                    reason = reason
                )
            };
            let said = last
                .message
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .map(|m| t!("live-saying", message = m.trim()))
                .unwrap_or_default();
            let logs_fix = if workbook {
                t!("live-logs-fix-workbook", logs = logs.as_str())
            } else {
                t!("live-logs-fix-other", logs = logs.as_str())
            };
            match (code, reason) {
                (_, "OOMKilled") => (
                    t!("live-oom", exited = exited.as_str()),
                    t!("live-oom-fix", pod = pod, ns = ns),
                    read::case(10),
                ),
                (0, _) => (
                    t!("live-finished", exited = exited.as_str()),
                    t!("live-finished-fix", logs = logs.as_str()),
                    read::case(10),
                ),
                (126 | 127, _) => (
                    t!(
                        "live-not-executable",
                        exited = exited.as_str(),
                        said = said.as_str()
                    ),
                    t!("live-not-executable-fix", logs = logs.as_str()),
                    read::case(3),
                ),
                (137, _) => (
                    t!("live-killed", exited = exited.as_str()),
                    t!(
                        "live-killed-fix",
                        pod = pod,
                        ns = ns,
                        asks = if workbook {
                            t!("live-liveness-asks-workbook")
                        } else {
                            t!("live-liveness-asks-other")
                        },
                        logs = logs.as_str()
                    ),
                    read::case(8),
                ),
                (1, _) if workbook => (
                    t!(
                        "live-exit-1-workbook",
                        exited = exited.as_str(),
                        said = said.as_str()
                    ),
                    logs_fix,
                    read::case(10),
                ),
                (1, _) => (
                    t!(
                        "live-exit-1",
                        exited = exited.as_str(),
                        said = said.as_str()
                    ),
                    logs_fix,
                    read::case(10),
                ),
                _ => (format!("{exited}{said}"), logs_fix, read::case(10)),
            }
        }
    };
    // "back-off 40s restarting failed container=..." -> "40s"
    let back_off = message
        .and_then(|m| m.strip_prefix("back-off "))
        .and_then(|m| m.split_whitespace().next())
        .map(|wait| t!("live-back-off", wait = wait))
        .unwrap_or_default();
    Finding {
        severity: Severity::Error,
        location: at.to_owned(),
        problem: t!(
            "live-crash-loop",
            which = which,
            what = what,
            restarts = status.restart_count.to_string(),
            back_off = back_off
        ),
        fix,
        read,
    }
}

/// `httpGet /ready on port 8000`, `tcpSocket on port http`, ...
pub(crate) fn describe_probe(probe: &Probe) -> Option<(String, Option<IntOrString>)> {
    if let Some(get) = &probe.http_get {
        let port = port_text(&get.port);
        let path = get.path.as_deref().unwrap_or("/");
        return Some((
            format!("httpGet {path} on port {port}"),
            Some(get.port.clone()),
        ));
    }
    if let Some(tcp) = &probe.tcp_socket {
        return Some((
            format!("tcpSocket on port {}", port_text(&tcp.port)),
            Some(tcp.port.clone()),
        ));
    }
    if let Some(exec) = &probe.exec {
        let command = exec.command.clone().unwrap_or_default().join(" ");
        return Some((format!("exec {command}"), None));
    }
    None
}

pub(crate) fn port_text(port: &IntOrString) -> String {
    match port {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

pub(crate) fn diagnose_not_ready(container: &Reported, events: &[Event]) -> Finding {
    let Reported {
        at,
        pod,
        ns,
        which,
        status,
        declared,
    } = *container;
    // The kubelet's probe failures: Events of reason Unhealthy on the Pod and container.
    let starting = status.started == Some(false);
    let prefix = if starting {
        "Startup probe failed"
    } else {
        "Readiness probe failed"
    };
    let field_path = format!("spec.containers{{{}}}", status.name);
    let failures: Vec<&Event> = events
        .iter()
        .filter(|e| {
            let object = &e.involved_object;
            e.reason.as_deref() == Some("Unhealthy")
                && object.kind.as_deref() == Some("Pod")
                && object.name.as_deref() == Some(pod)
                && object.namespace.as_deref().unwrap_or(ns) == ns
                && object.field_path.as_deref().is_none_or(|f| f == field_path)
                && e.message.as_deref().is_some_and(|m| m.starts_with(prefix))
        })
        .collect();
    let probe = declared.and_then(|c| {
        if starting {
            c.startup_probe.as_ref()
        } else {
            c.readiness_probe.as_ref()
        }
    });
    let described = probe.and_then(describe_probe);
    let probe_name = if starting {
        "startupProbe"
    } else {
        "readinessProbe"
    };
    let probe_text = described
        .as_ref()
        .map(|(text, _)| t!("live-probe-text", probe = text.as_str()))
        .unwrap_or_default();
    // A probe on a port the container does not declare is the usual reason.
    let declared_ports: Vec<(i32, Option<&str>)> = declared
        .into_iter()
        .flat_map(|c| c.ports.iter().flatten())
        .map(|p| (p.container_port, p.name.as_deref()))
        .collect();
    let wrong_port = match described.as_ref().and_then(|(_, port)| port.as_ref()) {
        Some(port) if !declared_ports.is_empty() => {
            let declared = declared_ports.iter().any(|(n, name)| match port {
                IntOrString::Int(p) => p == n,
                IntOrString::String(s) => Some(s.as_str()) == *name,
            });
            (!declared).then(|| {
                let ports: Vec<String> =
                    declared_ports.iter().map(|(n, _)| n.to_string()).collect();
                t!(
                    "live-probe-wrong-port",
                    port = port_text(port),
                    ports = ports.join(", ")
                )
            })
        }
        _ => None,
    }
    .unwrap_or_default();
    let describe = format!("kubectl describe pod {pod} -n {ns}");
    let workbook = is_workbook_image(container.image());
    let asks = if workbook {
        t!("live-asks-workbook")
    } else {
        // What the container speaks says which probe can ask it.
        match declared.and_then(|c| crate::app::listener(c, &[], &[])) {
            Some(listener) => match listener.speaks {
                Speaks::Http { .. } => t!(
                    "live-asks-http",
                    port = listener.port.to_string(),
                    because = listener.because.as_str()
                ),
                Speaks::Other(_) => t!(
                    "live-asks-other",
                    port = listener.port.to_string(),
                    because = listener.because.as_str()
                ),
                Speaks::Unknown => t!("live-asks-unknown", port = listener.port.to_string()),
            },
            None => t!("live-asks-exec"),
        }
    };
    let fix = if workbook {
        t!(
            "live-not-ready-fix-workbook",
            probe = probe_name,
            asks = asks,
            pod = pod,
            ns = ns,
            describe = describe.as_str()
        )
    } else {
        t!(
            "live-not-ready-fix",
            probe = probe_name,
            asks = asks,
            pod = pod,
            ns = ns,
            describe = describe.as_str()
        )
    };
    match failures.last() {
        Some(last) => {
            let message = last.message.as_deref().unwrap_or_default();
            let times: i32 = failures.iter().map(|e| e.count.unwrap_or(1)).sum();
            let meaning = if message.contains("connection refused") {
                t!("live-probe-refused")
            } else if message.contains("statuscode: 404") {
                t!("live-probe-404")
            } else if message.contains("statuscode: 503") && workbook {
                t!("live-probe-503-workbook")
            } else if message.contains("statuscode: 503") {
                t!("live-probe-503")
            } else if message.contains("deadline exceeded") || message.contains("Timeout") {
                t!("live-probe-timeout")
            } else {
                String::new()
            };
            Finding {
                severity: Severity::Error,
                location: at.to_owned(),
                problem: t!(
                    "live-not-ready",
                    which = which,
                    probe = probe_name,
                    probe_text = probe_text.as_str(),
                    meaning = meaning,
                    wrong_port = wrong_port.as_str(),
                    times = times.to_string(),
                    message = message
                ),
                fix,
                read: read::case(8),
            }
        }
        None => Finding {
            severity: Severity::Warning,
            location: at.to_owned(),
            problem: t!(
                "live-not-ready-yet",
                which = which,
                probe = probe_name,
                probe_text = probe_text.as_str(),
                wrong_port = wrong_port.as_str(),
                patience = if workbook {
                    t!("live-patience-workbook")
                } else {
                    t!("live-patience-other")
                }
            ),
            fix,
            read: read::case(8),
        },
    }
}
