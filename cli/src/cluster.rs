//! `workbook doctor --cluster`: asks the cluster the kubeconfig names (`KUBECONFIG`, else
//! `~/.kube/config`, which `minikube start` writes) for a namespace's Pods, Services,
//! EndpointSlices, HorizontalPodAutoscalers and Events, for `live::diagnose`. It never waits
//! longer than `DEADLINE`: a stopped minikube, a kubeconfig that names nothing, or a server
//! that accepts and never answers all end in one sentence saying so.

use std::{
    sync::mpsc,
    time::{Duration, Instant},
};

use k8s_openapi::api::{
    autoscaling::v2::HorizontalPodAutoscaler,
    core::v1::{Event, Pod, Service},
    discovery::v1::EndpointSlice,
};
use kube::{
    Api, Client, Config,
    api::ListParams,
    config::{KubeConfigOptions, Kubeconfig, KubeconfigError},
};

use crate::{live::Live, t};

/// The longest the doctor waits for the cluster, all requests together.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// What to do when there is no cluster to ask (the locale's words).
fn start_one() -> String {
    t!("cluster-start-one")
}
/// What to do when the cluster does not answer.
fn start_it() -> String {
    t!("cluster-start-it")
}

/// The namespace's objects, and where they come from (`minikube, namespace model-in-image`);
/// or one sentence saying why the cluster could not be asked.
pub fn fetch(namespace: &str) -> Result<(String, Live), String> {
    let kubeconfig = Kubeconfig::read().map_err(|e| {
        let why = match &e {
            KubeconfigError::ReadConfig(io, path) if io.kind() == std::io::ErrorKind::NotFound => {
                t!("cluster-no-kubeconfig", path = path.display().to_string())
            }
            KubeconfigError::ReadConfig(io, path) => {
                t!(
                    "cluster-kubeconfig-unreadable",
                    path = path.display().to_string(),
                    error = io.to_string()
                )
            }
            KubeconfigError::FindPath => t!("cluster-no-home"),
            other => t!("cluster-kubeconfig-unusable", error = other.to_string()),
        };
        t!("cluster-none", why = why, start = start_one())
    })?;
    let Some(context) = kubeconfig.current_context.clone().filter(|c| !c.is_empty()) else {
        return Err(t!(
            "cluster-none",
            why = t!("cluster-no-context"),
            start = t!("cluster-start-or-choose")
        ));
    };
    let server = kubeconfig
        .contexts
        .iter()
        .find(|c| c.name == context)
        .and_then(|c| c.context.as_ref())
        .and_then(|c| {
            kubeconfig
                .clusters
                .iter()
                .find(|cluster| cluster.name == c.cluster)
        })
        .and_then(|c| c.cluster.as_ref())
        .and_then(|c| c.server.clone())
        .unwrap_or_else(|| t!("cluster-no-server"));
    let cluster = t!("cluster-name", context = context.as_str(), server = server);

    // On a thread of its own, so that nothing - a connection that never completes, an
    // exec credential plugin that hangs - can keep the doctor waiting past the deadline.
    let (send, receive) = mpsc::channel();
    let ns = namespace.to_owned();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|runtime| runtime.block_on(list(kubeconfig, &ns)));
        let _ = send.send(result);
    });
    let remaining = DEADLINE.saturating_sub(started.elapsed());
    match receive.recv_timeout(remaining) {
        Ok(Ok(live)) => Ok((
            t!(
                "cluster-source",
                context = context.as_str(),
                namespace = namespace
            ),
            live,
        )),
        Ok(Err(why)) => Err(t!(
            "cluster-failed",
            cluster = cluster,
            why = why,
            start = start_it()
        )),
        Err(_) => Err(t!(
            "cluster-failed",
            cluster = cluster,
            why = no_answer_within(DEADLINE),
            start = start_it()
        )),
    }
}

/// The namespace's objects; the error completes a sentence that starts with the cluster.
async fn list(kubeconfig: Kubeconfig, namespace: &str) -> Result<Live, String> {
    let mut config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .map_err(|e| t!("cluster-unreachable-kubeconfig", error = e.to_string()))?;
    config.connect_timeout = Some(DEADLINE / 2);
    config.read_timeout = Some(DEADLINE);
    config.write_timeout = Some(DEADLINE);
    let client =
        Client::try_from(config).map_err(|e| t!("cluster-unreachable", error = e.to_string()))?;
    let all = ListParams::default();
    let pods: Api<Pod> = Api::namespaced(client.clone(), namespace);
    let services: Api<Service> = Api::namespaced(client.clone(), namespace);
    let slices: Api<EndpointSlice> = Api::namespaced(client.clone(), namespace);
    let autoscalers: Api<HorizontalPodAutoscaler> = Api::namespaced(client.clone(), namespace);
    let events: Api<Event> = Api::namespaced(client, namespace);
    let (pods, services, slices, autoscalers, events) = tokio::join!(
        pods.list(&all),
        services.list(&all),
        slices.list(&all),
        autoscalers.list(&all),
        events.list(&all),
    );
    Ok(Live {
        pods: pods.map_err(explain)?.items,
        services: services.map_err(explain)?.items,
        endpoint_slices: slices.map_err(explain)?.items,
        endpoints: Vec::new(),
        autoscalers: autoscalers.map_err(explain)?.items,
        // Events help name a failing probe; without the right to read them, go on without.
        events: events.map(|e| e.items).unwrap_or_default(),
    })
}

/// The end of "the cluster of context minikube (https://...) ...".
fn explain(error: kube::Error) -> String {
    match error {
        kube::Error::Api(status) => t!(
            "cluster-refuses",
            message = status.message,
            code = status.code.to_string(),
            reason = status.reason
        ),
        other => {
            // The innermost cause says it best: "Connection refused (os error 111)".
            let mut cause: &dyn std::error::Error = &other;
            while let Some(inner) = cause.source() {
                cause = inner;
            }
            if cause.to_string() == "deadline has elapsed" {
                no_answer_within(DEADLINE / 2)
            } else {
                t!("cluster-no-answer", error = cause.to_string())
            }
        }
    }
}

/// "does not answer within N s", the end of a sentence that starts with the cluster.
fn no_answer_within(time: Duration) -> String {
    t!(
        "cluster-no-answer-within",
        seconds = time.as_secs().to_string()
    )
}
