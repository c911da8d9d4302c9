//! The book in a real browser: headless Chromium, driven through chromedriver (WebDriver),
//! reads the built book served on a local port, as a reader would. Every page the book lists
//! must load with no missing asset (an image, stylesheet or script answered 404), no broken
//! image and no console error; search must find a term; code must be highlighted; and
//! pictures must fit a phone's screen. Screenshots of a few pages at desktop (1280 px) and phone
//! (390 px) widths are saved in target/book-screenshots/.
//!
//! The Japanese book (book/po/ja.po, built beside the English one in `ja/`) is read the same
//! way, page by page: every page in both books has a language switch that leads to the same page
//! and section in the other; no Japanese text overflows its box at either width; its search
//! (Pagefind's extended build) finds Japanese words; and its screenshots are saved beside the
//! English ones (`ja-*.png`).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`just setup` installs them). Set
//! `CHROME_BIN` and `CHROMEDRIVER` to use other builds (e.g. Google Chrome on a CI runner).

use std::{
    collections::BTreeSet,
    fs,
    net::{Ipv4Addr, SocketAddr, TcpListener as StdListener, TcpStream as StdStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use fantoccini::{
    Client, ClientBuilder, Locator,
    wd::{Capabilities, WebDriverCompatibleCommand},
};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};
use workbook_harness::{
    book::{build_book, build_japanese_book},
    repo_root,
};

/// Pages shown in screenshots: the introduction, a chapter with pictures, one with code.
const SCREENSHOTS: [(&str, &str); 3] = [
    ("introduction", "00-introduction/index.html"),
    ("kubernetes-basics", "04-kubernetes-basics/index.html"),
    ("model-in-image", "03-model-in-image/index.html"),
];
const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (390, 844);

/// The first of `names` that runs (`NAME --version` succeeds), or the one `env` names.
fn find_program(env: &str, names: &[&str]) -> Option<String> {
    if let Ok(path) = std::env::var(env) {
        return Some(path);
    }
    names
        .iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .map(|name| {
            // chromedriver wants the browser's full path.
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
                .map_or_else(|| name.to_string(), |path| path.display().to_string())
        })
}

/// chromedriver, stopped when the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver on a free port and waits until it accepts connections.
fn start_driver(chromedriver: &str) -> (Driver, u16) {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {chromedriver}: {e}"));
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    while StdStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        assert!(
            Instant::now() < deadline,
            "chromedriver did not listen on port {port} within 30 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (driver, port)
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// A tiny static file server for the built book: folders answer with their index.html, and
/// every path that matches no file is answered 404 and remembered.
async fn serve_book(root: PathBuf) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let missing = Arc::new(Mutex::new(Vec::new()));
    let seen = missing.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                continue;
            };
            let root = root.clone();
            let missing = seen.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let request = String::from_utf8_lossy(&request);
                let target = request.split_whitespace().nth(1).unwrap_or("/");
                let path = target.split(['?', '#']).next().unwrap_or("/");
                let relative = path.trim_start_matches('/');
                let mut file = root.join(relative);
                if relative.split('/').any(|part| part == "..") {
                    file = root.join("no such file");
                }
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let response = match fs::read(&file) {
                    Ok(body) => {
                        let mut head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            content_type(&file),
                            body.len()
                        )
                        .into_bytes();
                        head.extend(body);
                        head
                    }
                    Err(_) => {
                        missing.lock().unwrap().push(path.to_owned());
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&response).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    (port, missing)
}

/// chromedriver's browser log (console messages and failed loads) since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

/// A Chrome DevTools command through chromedriver (here: to emulate a screen size).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.0, "params": self.1});
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn browser_errors(client: &Client) -> Vec<String> {
    let log = client
        .issue_cmd(BrowserLog)
        .await
        .expect("read the browser log");
    log.as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["level"] == "SEVERE")
        .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn emulate_screen(client: &Client, (width, height): (u32, u32), mobile: bool) {
    let params = json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile,
    });
    client
        .issue_cmd(Cdp("Emulation.setDeviceMetricsOverride", params))
        .await
        .expect("emulate a screen size");
}

/// Waits until the page has loaded everything, and every image has decoded (or failed to).
async fn settle(client: &Client) {
    client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const images = () => Promise.allSettled([...document.images].map(i => i.decode()));
               if (document.readyState === "complete") { images().then(() => done(true)); }
               else { window.addEventListener("load", () => images().then(() => done(true))); }"#,
            vec![],
        )
        .await
        .expect("wait for the page to load");
}

/// The pages the built book lists in its table of contents, and the print page.
fn pages(html: &Path) -> Vec<String> {
    pages_of(html, "")
}

/// [`pages`] of the book in `html`, each path after `prefix` (e.g. "ja/").
fn pages_of(html: &Path, prefix: &str) -> Vec<String> {
    let toc = fs::read_to_string(html.join("toc.html")).expect("the built book has toc.html");
    let mut pages: BTreeSet<String> = toc
        .match_indices("href=\"")
        .map(|(at, _)| {
            let rest = &toc[at + 6..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .filter(|href| !href.contains("://") && href.ends_with(".html"))
        .collect();
    pages.insert("index.html".into());
    pages.insert("print.html".into());
    pages.into_iter().map(|p| format!("{prefix}{p}")).collect()
}

/// Elements of the page's text (paragraphs, list items, table cells, headings, links, inline
/// code) whose content is wider than their box or that reach past the screen's right edge.
/// Code blocks and tables scroll on purpose and are left out.
const OVERFLOWING_TEXT: &str = "
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('main p, main li, main td, main th, main h1, main h2, main h3, main h4, main a, main :not(pre) > code')]
        .filter(e => !e.closest('pre') && !e.closest('.table-wrapper') && e.getClientRects().length > 0)
        .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline'
                     || e.getBoundingClientRect().right > width + 1)
        .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 60));
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_can_read_the_whole_book_in_a_real_browser() {
    let Some(chrome) = find_program(
        "CHROME_BIN",
        &["chromium", "chromium-browser", "google-chrome"],
    ) else {
        panic!(
            "Chromium is not installed: run `just setup` (it installs Debian's chromium and chromium-driver), or set CHROME_BIN."
        );
    };
    let Some(chromedriver) = find_program("CHROMEDRIVER", &["chromedriver"]) else {
        panic!(
            "chromedriver is not installed: run `just setup` (it installs Debian's chromium-driver), or set CHROMEDRIVER."
        );
    };
    let book = build_book("book-browser");
    let japanese = build_japanese_book(&book);
    let english_pages = pages(&book.html);
    assert!(
        english_pages.len() > 8,
        "the table of contents lists only {english_pages:?}"
    );
    let japanese_pages = pages_of(&japanese.html, "ja/");
    assert_eq!(
        japanese_pages.len(),
        english_pages.len(),
        "the Japanese book does not list the same pages: {japanese_pages:?}"
    );
    let pages: Vec<String> = english_pages
        .iter()
        .chain(&japanese_pages)
        .cloned()
        .collect();
    let (port, missing) = serve_book(book.html.clone()).await;
    let site = format!("http://127.0.0.1:{port}");
    let (_driver, driver_port) = start_driver(&chromedriver);

    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chrome,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=1280,900"],
        }),
    );
    capabilities.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .unwrap_or_else(|e| panic!("chromedriver did not open a Chromium session: {e}"));

    let mut problems = Vec::new();

    // Every page: it loads, its assets exist, its images draw, its console stays clean, and
    // at a phone's width no picture is wider than the screen.
    for (screen, mobile) in [(DESKTOP, false), (PHONE, true)] {
        emulate_screen(&client, screen, mobile).await;
        for page in &pages {
            client.goto(&format!("{site}/{page}")).await.unwrap();
            settle(&client).await;
            let title = client.title().await.unwrap_or_default();
            if title.is_empty() || title.contains("Page not found") {
                problems.push(format!("{page}: not a page of the book (title {title:?})"));
            }
            // A picture that failed to load or decode rejects decode(); one that decoded has a
            // natural size and, unless hidden (mdBook keeps hidden copies for its zoom), is drawn
            // wider than 0 px.
            let broken = client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     Promise.all([...document.images].map(i => i.decode().then(
                         () => (i.naturalWidth > 0 && (i.getClientRects().length === 0 || i.getBoundingClientRect().width > 0)) ? null : i.getAttribute('src'),
                         () => i.getAttribute('src'))))
                       .then(srcs => done(srcs.filter(s => s !== null)));",
                    vec![],
                )
                .await
                .unwrap();
            for image in broken.as_array().into_iter().flatten() {
                problems.push(format!("{page}: broken image {image}"));
            }
            let too_wide = client
                .execute(
                    "return [...document.querySelectorAll('main img')]
                        .filter(i => i.getBoundingClientRect().right > window.innerWidth + 1)
                        .map(i => i.getAttribute('src'))",
                    vec![],
                )
                .await
                .unwrap();
            for image in too_wide.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{page}: at {} px, the image {image} is wider than the screen",
                    screen.0
                ));
            }
            // The language switch leads to this very page in the other book.
            let switch = client
                .execute(
                    "const a = document.getElementById('language-switch'); return a ? a.href : null;",
                    vec![],
                )
                .await
                .unwrap();
            let other = match page.strip_prefix("ja/") {
                Some(english) => format!("{site}/{english}"),
                None => format!("{site}/ja/{page}"),
            };
            if switch.as_str() != Some(other.as_str()) {
                problems.push(format!(
                    "{page}: the language switch leads to {switch}, not {other}"
                ));
            }
            if page.starts_with("ja/") {
                let overflowing = client.execute(OVERFLOWING_TEXT, vec![]).await.unwrap();
                for element in overflowing.as_array().into_iter().flatten() {
                    problems.push(format!(
                        "{page}: at {} px, text overflows its box: {element}",
                        screen.0
                    ));
                }
            }
            for error in browser_errors(&client).await {
                problems.push(format!("{page}: console error: {error}"));
            }
        }
    }
    for path in missing.lock().unwrap().iter() {
        problems.push(format!(
            "the book asked for {path}, which does not exist (404)"
        ));
    }

    // Code is highlighted: highlight.js has marked up the Rust blocks.
    emulate_screen(&client, DESKTOP, false).await;
    client
        .goto(&format!("{site}/03-model-in-image/index.html"))
        .await
        .unwrap();
    settle(&client).await;
    let highlighted = client
        .execute(
            "return [document.querySelectorAll('pre code.hljs').length,
                     document.querySelectorAll('pre code.language-rust .hljs-keyword').length]",
            vec![],
        )
        .await
        .unwrap();
    let (blocks, keywords) = (
        highlighted[0].as_u64().unwrap_or(0),
        highlighted[1].as_u64().unwrap_or(0),
    );
    if blocks < 3 || keywords == 0 {
        problems.push(format!(
            "code is not highlighted: {blocks} highlighted blocks, {keywords} Rust keywords marked"
        ));
    }

    // Search finds a term on the pages that use it.
    match search(&client, &format!("{site}/index.html"), "minikube").await {
        Ok(hits) if hits.iter().any(|h| h.contains("04-kubernetes-basics")) => {}
        Ok(hits) => problems.push(format!(
            "searching for minikube does not find the Kubernetes chapter: {hits:?}"
        )),
        Err(e) => problems.push(format!("searching for minikube found nothing: {e}")),
    }
    for error in browser_errors(&client).await {
        problems.push(format!("search: console error: {error}"));
    }

    // The switch keeps the reader's place: from a section of an English page to the same
    // section of the Japanese page, and back.
    client
        .goto(&format!(
            "{site}/04-kubernetes-basics/loading-images.html#the-walkthrough"
        ))
        .await
        .unwrap();
    settle(&client).await;
    for (expected, lang) in [
        (
            format!("{site}/ja/04-kubernetes-basics/loading-images.html#the-walkthrough"),
            "ja",
        ),
        (
            format!("{site}/04-kubernetes-basics/loading-images.html#the-walkthrough"),
            "en",
        ),
    ] {
        client
            .find(Locator::Id("language-switch"))
            .await
            .expect("the language switch")
            .click()
            .await
            .unwrap();
        settle(&client).await;
        let at = client
            .execute(
                "return [location.href, document.documentElement.lang, !!document.getElementById(location.hash.slice(1))]",
                vec![],
            )
            .await
            .unwrap();
        if at[0].as_str() != Some(expected.as_str()) || at[1] != lang || at[2] != true {
            problems.push(format!(
                "the language switch went to {at} (expected {expected}, lang {lang}, the section there)"
            ));
        }
    }

    // Japanese search (Pagefind's extended build segments Japanese): a word finds the chapter
    // that teaches it.
    for (query, chapter) in [
        ("名前空間", "04-kubernetes-basics/namespace-and-hpa.html"),
        ("クッキーの型", "01-first-container/"),
        ("受付", "04-kubernetes-basics/"),
    ] {
        match search(&client, &format!("{site}/ja/index.html"), query).await {
            Ok(hits) if hits.iter().any(|h| h.contains(&format!("/ja/{chapter}"))) => {}
            Ok(hits) => problems.push(format!(
                "searching the Japanese book for {query} does not find ja/{chapter}: {hits:?}"
            )),
            Err(e) => problems.push(format!(
                "searching the Japanese book for {query} found nothing: {e}"
            )),
        }
        for error in browser_errors(&client).await {
            problems.push(format!("Japanese search: console error: {error}"));
        }
    }

    // Screenshots, as test artifacts.
    let shots = repo_root().join("target/book-screenshots");
    fs::create_dir_all(&shots).unwrap();
    for (screen, mobile, name) in [(DESKTOP, false, "desktop"), (PHONE, true, "phone")] {
        emulate_screen(&client, screen, mobile).await;
        let both = SCREENSHOTS.iter().flat_map(|(name, page)| {
            [
                (name.to_string(), page.to_string()),
                (format!("ja-{name}"), format!("ja/{page}")),
            ]
        });
        for (page_name, page) in both {
            client.goto(&format!("{site}/{page}")).await.unwrap();
            settle(&client).await;
            // A page with pictures is shown at its first one.
            client
                .execute(
                    "const img = document.querySelector('main img'); if (img) img.scrollIntoView(); return null;",
                    vec![],
                )
                .await
                .unwrap();
            let png = client.screenshot().await.unwrap();
            let file = shots.join(format!("{page_name}-{name}-{}.png", screen.0));
            fs::write(&file, png).unwrap();
        }
    }
    client.close().await.unwrap();

    assert!(
        problems.is_empty(),
        "the book in Chromium ({} pages at {} and {} px):\n{}",
        pages.len(),
        DESKTOP.0,
        PHONE.0,
        problems.join("\n")
    );
}

/// Types `query` into the search box of the page at `url` (mdBook's own search, or Pagefind's
/// behind the same box in the Japanese book) and returns the links of the results.
async fn search(client: &Client, url: &str, query: &str) -> Result<Vec<String>, String> {
    client.goto(url).await.map_err(|e| e.to_string())?;
    settle(client).await;
    client
        .find(Locator::Id("mdbook-search-toggle"))
        .await
        .map_err(|e| format!("no search button on {url}: {e}"))?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    let searchbar = client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("mdbook-searchbar"))
        .await
        .map_err(|e| format!("no search bar on {url}: {e}"))?;
    searchbar
        .send_keys(query)
        .await
        .map_err(|e| e.to_string())?;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#mdbook-searchresults li a"))
        .await
        .map_err(|e| e.to_string())?;
    let hits = client
        .execute(
            "return [...document.querySelectorAll('#mdbook-searchresults li a')].map(a => a.getAttribute('href'))",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(hits
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect())
}
