//! A site overrides the built-in theme file by file: templates, static files and UI strings.

mod common;

use std::fs;

use common::{fixture, qmsite};

#[test]
fn site_theme_files_override_the_built_in_ones() {
    let site = fixture("minimal");
    let theme = site.path().join("themes/default");
    fs::create_dir_all(theme.join("templates")).expect("mkdir");
    fs::create_dir_all(theme.join("static")).expect("mkdir");
    fs::create_dir_all(theme.join("i18n")).expect("mkdir");
    fs::write(
        theme.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ page.title }}</p>{% endblock %}",
    )
    .expect("write");
    fs::write(theme.join("static/qmsite.css"), "body { color: red; }").expect("write");
    fs::write(
        theme.join("static/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("write");
    fs::write(theme.join("i18n/en.toml"), "nav_home = \"Overview\"\n").expect("write");

    let out = site.path().join("output");
    let o = qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2024-11-01",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = fs::read_to_string(out.join("pages/method.html")).expect("page");
    assert!(page.contains("<p class=\"custom\">Method</p>"), "{page}");
    assert_eq!(
        fs::read_to_string(out.join("static/qmsite.css")).expect("css"),
        "body { color: red; }"
    );
    assert!(out.join("static/logo.svg").is_file());
    assert!(
        out.join("static/qmsite.js").is_file(),
        "files not overridden come from the built-in theme"
    );
    let home = fs::read_to_string(out.join("index.html")).expect("home");
    assert!(home.contains(">Overview</a>"), "overridden string is used");
    assert!(
        home.contains(">Assessments</a>"),
        "strings not overridden keep the built-in text"
    );
}

#[test]
fn a_broken_site_template_is_reported_with_its_file() {
    let site = fixture("minimal");
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).expect("mkdir");
    fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}{{ page.nope.deeper }}{% endblock %}",
    )
    .expect("write");
    let o = qmsite(&[
        "build",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        "2024-11-01",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("themes/default/templates/page.html"), "{err}");
    assert!(
        !site.path().join("output").exists(),
        "nothing is written when rendering fails"
    );
}
