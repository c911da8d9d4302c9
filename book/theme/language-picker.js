// The language switch at the top of every page (the pattern of google/comprehensive-rust's
// theme): English is the book's root and Japanese lives under ja/, page for page, so the switch
// links to the same page, and the same #section (heading ids are the same in both books), of
// the other language. `path_to_root` is mdBook's (set by its page template).
(function () {
    "use strict";
    const languages = [
        { code: "en", name: "English", dir: "" },
        { code: "ja", name: "日本語", dir: "ja/" },
    ];
    const current = document.documentElement.lang === "ja" ? "ja" : "en";
    const here = languages.find((l) => l.code === current);
    const other = languages.find((l) => l.code !== current);
    // An empty path_to_root (a page at the top) means this folder, not this page.
    const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);
    let page = location.href.startsWith(root.href) ? location.href.slice(root.href.length) : "";
    page = page.split("#")[0].split("?")[0];
    const siteRoot = new URL(here.dir ? "../" : "", root);

    const link = document.createElement("a");
    link.id = "language-switch";
    link.className = "language-switch";
    link.lang = other.code;
    link.hreflang = other.code;
    link.textContent = other.name;
    link.title = current === "ja" ? "Read this page in English" : "このページを日本語で読む";
    link.setAttribute("aria-label", link.title);
    const update = () => {
        link.href = new URL(other.dir + page, siteRoot).href + location.hash;
    };
    update();
    window.addEventListener("hashchange", update);
    // Scrolling sets no hash: before leaving, take the heading the reader has reached.
    link.addEventListener("click", () => {
        if (location.hash) return;
        let reached = null;
        for (const h of document.querySelectorAll("main h2[id], main h3[id]")) {
            if (h.getBoundingClientRect().top > 80) break;
            reached = h;
        }
        if (reached) link.href = new URL(other.dir + page, siteRoot).href + "#" + reached.id;
    });

    const buttons = document.querySelector(".right-buttons");
    if (buttons) buttons.prepend(link);
})();
