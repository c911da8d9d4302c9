// The Japanese book's search box: mdBook's own index does not segment Japanese
// (rust-lang/mdBook#1081), so book/i18n/build-ja turns it off for the Japanese book and indexes
// the pages with Pagefind's extended build, which does (コンテナ is a word). This puts the same
// search button and box mdBook shows (same ids and classes, so the same look and keys) in the
// menu bar, and answers it with Pagefind. On the English pages mdBook's search is left as it is.
(function () {
    "use strict";
    if (document.documentElement.lang !== "ja" || document.getElementById("mdbook-search-toggle")) {
        return;
    }
    const buttons = document.querySelector("#mdbook-menu-bar .left-buttons");
    if (!buttons) return;
    // An empty path_to_root (a page at the top) means this folder, not this page.
    const root = new URL((typeof path_to_root === "string" && path_to_root) || "./", location.href);

    const toggle = document.createElement("button");
    toggle.id = "mdbook-search-toggle";
    toggle.className = "icon-button";
    toggle.type = "button";
    toggle.title = "この本を検索（/）";
    toggle.setAttribute("aria-label", "検索");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "mdbook-searchbar");
    toggle.innerHTML =
        '<span class="fa-svg"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path d="M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376c-34.4 25.2-76.8 40-122.7 40C93.1 416 0 322.9 0 208S93.1 0 208 0S416 93.1 416 208zM208 352c79.5 0 144-64.5 144-144s-64.5-144-144-144S64 128.5 64 208s64.5 144 144 144z"/></svg></span>';
    buttons.append(toggle);

    const wrapper = document.createElement("div");
    wrapper.id = "mdbook-search-wrapper";
    wrapper.className = "hidden";
    wrapper.innerHTML =
        '<form id="mdbook-searchbar-outer" class="searchbar-outer" role="search">' +
        '<div class="search-wrapper"><input type="search" id="mdbook-searchbar" name="searchbar" ' +
        'placeholder="この本を検索（例：コンテナ、名前空間）" aria-controls="mdbook-searchresults-outer" ' +
        'aria-describedby="mdbook-searchresults-header"></div></form>' +
        '<div id="mdbook-searchresults-outer" class="searchresults-outer hidden">' +
        '<div id="mdbook-searchresults-header" class="searchresults-header"></div>' +
        '<ul id="mdbook-searchresults"></ul></div>';
    document.getElementById("mdbook-menu-bar").after(wrapper);
    const bar = wrapper.querySelector("#mdbook-searchbar");
    const outer = wrapper.querySelector("#mdbook-searchresults-outer");
    const header = wrapper.querySelector("#mdbook-searchresults-header");
    const list = wrapper.querySelector("#mdbook-searchresults");

    let pagefind = null;
    async function load() {
        if (!pagefind) {
            pagefind = await import(new URL("pagefind/pagefind.js", root).href);
            await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
        }
        return pagefind;
    }

    function show(open) {
        wrapper.classList.toggle("hidden", !open);
        toggle.setAttribute("aria-expanded", String(open));
        if (open) {
            bar.focus();
            load();
        }
    }
    toggle.addEventListener("click", () => show(wrapper.classList.contains("hidden")));
    wrapper.querySelector("form").addEventListener("submit", (e) => e.preventDefault());
    document.addEventListener("keydown", (e) => {
        const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName ?? "");
        if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s")) {
            e.preventDefault();
            show(true);
        } else if (e.key === "Escape" && !wrapper.classList.contains("hidden")) {
            show(false);
        }
    });

    bar.addEventListener("input", async () => {
        const query = bar.value.trim();
        const pf = await load();
        const search = await pf.debouncedSearch(query, {}, 150);
        if (search === null) return; // a newer keystroke took over
        if (!query) {
            outer.classList.add("hidden");
            return;
        }
        const pages = (await Promise.all(search.results.slice(0, 12).map((r) => r.data())))
            .filter((page) => !page.url.endsWith("/print.html"))
            .slice(0, 10);
        header.textContent = pages.length
            ? `「${query}」の検索結果：${pages.length} ページ`
            : `「${query}」は見つかりませんでした`;
        list.replaceChildren(
            ...pages.map((page) => {
                const item = document.createElement("li");
                const link = document.createElement("a");
                link.href = page.url;
                link.textContent = page.meta?.title || page.url;
                const teaser = document.createElement("span");
                teaser.className = "teaser";
                teaser.innerHTML = page.excerpt; // Pagefind's excerpt: the page's text, with <mark>
                item.append(link, teaser);
                return item;
            }),
        );
        outer.classList.remove("hidden");
    });
})();
