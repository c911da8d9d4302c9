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
};

pub(crate) fn diagnose_crash_loop(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    image: &str,
    message: Option<&str>,
) -> Finding {
    // What the workbook's server does when a file is missing is known; another program's is not.
    let workbook = is_workbook_image(image);
    let last = status
        .last_state
        .as_ref()
        .and_then(|s| s.terminated.as_ref());
    let logs = format!("kubectl logs {pod} -n {ns} --previous");
    let (what, fix, read) = match last {
        None => (
            "it keeps stopping".to_owned(),
            format!("read why it stopped: {logs} prints what the last run wrote"),
            read::case(10),
        ),
        Some(last) => {
            let code = last.exit_code;
            let reason = last.reason.as_deref().unwrap_or_default();
            let exited = if reason.is_empty() {
                format!("its last run ended with exit code {code}")
            } else {
                format!("its last run ended with exit code {code} (reason: {reason})")
            };
            let said = last
                .message
                .as_deref()
                .filter(|m| !m.trim().is_empty())
                .map(|m| format!(", saying: {}", m.trim()))
                .unwrap_or_default();
            let logs_fix = if workbook {
                format!(
                    "read why it stopped: {logs} prints what the last run wrote; if it names MODEL_FILEPATH (or ORT_DYLIB_PATH), remove that env override from the Deployment - the image knows where its files are - and apply it again"
                )
            } else {
                format!(
                    "read why it stopped: {logs} prints what the last run wrote; a setting it names (an env variable, a ConfigMap or Secret, a mounted file, the command and args) is usually the cause"
                )
            };
            match (code, reason) {
                (_, "OOMKilled") => (
                    format!(
                        "{exited}: it used more memory than its resources.limits.memory allows, and the kernel killed it"
                    ),
                    format!(
                        "raise resources.limits.memory in the Deployment (kubectl top pod {pod} -n {ns} shows what it uses) and apply it again"
                    ),
                    read::case(10),
                ),
                (0, _) => (
                    format!(
                        "{exited}: the program finished, and a Deployment's container must keep running"
                    ),
                    format!(
                        "run the server, not a command that ends: check the image's CMD and the Deployment's command and args; {logs} prints what the last run wrote"
                    ),
                    read::case(10),
                ),
                (126 | 127, _) => (
                    format!(
                        "{exited}{said}: the program it starts is not in the image, or cannot be run"
                    ),
                    format!(
                        "make the Deployment's command (or the image's ENTRYPOINT) name a program the image has; {logs} prints what the last run wrote"
                    ),
                    read::case(3),
                ),
                (137, _) => (
                    format!(
                        "{exited}: it was killed (SIGKILL), usually by the kubelet after its livenessProbe failed"
                    ),
                    format!(
                        "kubectl describe pod {pod} -n {ns} shows the probe's failures in Events: point the livenessProbe at what the server answers ({}) and give it time to start (initialDelaySeconds or a startupProbe); {logs} prints what the last run wrote",
                        if workbook {
                            "httpGet /health on the containerPort"
                        } else {
                            "httpGet on a path it answers if it speaks HTTP, tcpSocket on its port otherwise"
                        }
                    ),
                    read::case(8),
                ),
                (1, _) if workbook => (
                    format!(
                        "{exited}{said}: the server stopped itself, as it does at startup when a file it needs is missing (the model at MODEL_FILEPATH, the ONNX Runtime library at ORT_DYLIB_PATH), saying so in one log line"
                    ),
                    logs_fix,
                    read::case(10),
                ),
                (1, _) => (
                    format!(
                        "{exited}{said}: the program stopped itself with an error, which its last log lines name"
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
        .map(|wait| format!(", and now waits {wait} before the next"))
        .unwrap_or_default();
    Finding {
        severity: Severity::Error,
        location: at.to_owned(),
        problem: format!(
            "{which} is in CrashLoopBackOff: {what}; the kubelet restarted it {} times, each time after a longer wait{back_off}",
            status.restart_count
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

pub(crate) fn diagnose_not_ready(
    at: &str,
    pod: &str,
    ns: &str,
    which: &str,
    status: &ContainerStatus,
    declared: Option<&Container>,
    events: &[Event],
) -> Finding {
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
        .map(|(text, _)| format!(" ({text})"))
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
                format!(
                    "; port {} is not a containerPort of the container ({})",
                    port_text(port),
                    ports.join(", ")
                )
            })
        }
        _ => None,
    }
    .unwrap_or_default();
    let describe = format!("kubectl describe pod {pod} -n {ns}");
    let image = declared
        .and_then(|c| c.image.as_deref())
        .unwrap_or(&status.image);
    let workbook = is_workbook_image(image);
    let asks = if workbook {
        "httpGet /ready on the containerPort (8000)".to_owned()
    } else {
        // What the container speaks says which probe can ask it.
        match declared.and_then(|c| crate::app::listener(c, &[], &[])) {
            Some(listener) => match listener.speaks {
                Speaks::Http { .. } => format!(
                    "httpGet on port {} with a path the server answers ({})",
                    listener.port, listener.because
                ),
                Speaks::Other(_) => format!(
                    "tcpSocket on port {} ({}: not HTTP), or an exec probe with a command the image carries",
                    listener.port, listener.because
                ),
                Speaks::Unknown => format!(
                    "a port the container listens on ({}), with httpGet only if it speaks HTTP",
                    listener.port
                ),
            },
            None => "a command the image carries (exec), as the container declares no port".into(),
        }
    };
    let (whom, it) = if workbook {
        ("the server", "the server")
    } else {
        ("the container", "it")
    };
    let fix = format!(
        "make the {probe_name} ask what {whom} answers - {asks} - and read kubectl logs {pod} -n {ns} for why {it} is not ready; {describe} shows the probe and its failures"
    );
    match failures.last() {
        Some(last) => {
            let message = last.message.as_deref().unwrap_or_default();
            let times: i32 = failures.iter().map(|e| e.count.unwrap_or(1)).sum();
            let meaning = if message.contains("connection refused") {
                ": nothing listens on the port it asks (the probe's port is not the server's, or the server listens on 127.0.0.1 only)"
            } else if message.contains("statuscode: 404") {
                ": the server has no such path"
            } else if message.contains("statuscode: 503") && workbook {
                ": the server answers that it is not ready (this server does until its model is loaded)"
            } else if message.contains("statuscode: 503") {
                ": the server answers 503 Service Unavailable, that it is not ready"
            } else if message.contains("deadline exceeded") || message.contains("Timeout") {
                ": the server does not answer within the probe's timeoutSeconds"
            } else {
                ""
            };
            Finding {
                severity: Severity::Error,
                location: at.to_owned(),
                problem: format!(
                    "{which} runs but is not Ready, so no Service sends it requests: its {probe_name}{probe_text} fails{meaning}{wrong_port}; the kubelet says ({times} times): {message}"
                ),
                fix,
                read: read::case(8),
            }
        }
        None => Finding {
            severity: Severity::Warning,
            location: at.to_owned(),
            problem: format!(
                "{which} runs but is not Ready, so no Service sends it requests: its {probe_name}{probe_text} has not succeeded{wrong_port}; {}, but if this lasts the probe fails",
                if workbook {
                    "a server still loading its model is not Ready for a few seconds"
                } else {
                    "a server still starting is not Ready for a while"
                }
            ),
            fix,
            read: read::case(8),
        },
    }
}
