// The list of codes, read by `codes.rs` (kept apart so each file stays short).

codes! {
    NOT_UTF8 = "E101", "The file is not UTF-8 text", None,
        text: "qmsite reads text files saved as UTF-8, the encoding every current editor uses. A file saved as Windows-1252, Latin-1 or another older encoding has bytes UTF-8 does not allow, usually at an accented letter or a typographic quote. Save the file again as UTF-8: in Notepad choose File > Save As and set Encoding to UTF-8; in VS Code click the encoding in the status bar and choose \"Save with Encoding\", then UTF-8; in LibreOffice tick \"Edit filter settings\" when saving and choose Unicode (UTF-8).",
        wrong: "notes = \"Résumé\"   (saved as Windows-1252: each é is the single byte E9)",
        right: "notes = \"Résumé\"   (saved as UTF-8)";
    FILE_TOO_LARGE = "E102", "The file is too large", None,
        text: "A content file of more than 8 MiB is almost certainly a mistake (an export or a binary file in the wrong folder). qmsite does not read it, so a stray file cannot stall a build. Split a large register into several files of the same folder.",
        wrong: "content/improvements/export.toml   (60 MB)",
        right: "content/improvements/register-2025.toml\ncontent/improvements/register-2026.toml";
    BINARY_FILE = "E103", "The file holds a NUL byte (it looks binary)", None,
        text: "Text files never contain the byte 0. A file that does is a binary file (an image, a spreadsheet, a compressed file) saved under a text file's name, or a text file damaged in transit. Put binary attachments in content/pages/ and link to them; keep .toml and .md files as plain text.",
        wrong: "content/pages/report.md   (a Word document renamed to .md)",
        right: "content/pages/report.docx, linked from content/pages/method.md";
    UNREADABLE = "E104", "The file cannot be read", None,
        text: "qmsite could not open the file: it may belong to another user, be locked by another program, or be a pipe, socket or device rather than a regular file. Make it a regular file that the user running qmsite may read.",
        wrong: "-rw------- other-user content/qms/qms.toml",
        right: "-rw-r--r-- me content/qms/qms.toml";
    SYMLINK = "E105", "A symbolic link leads outside the site, nowhere, or in a loop", None,
        text: "qmsite follows symbolic links only when they lead to a file or folder inside the site, so that a build never reads (and never publishes) files from elsewhere on the machine. A link that points nowhere or back to one of its own parent folders is refused too. Copy the file into the site instead.",
        wrong: "content/pages/policy.pdf -> /home/me/Documents/policy.pdf",
        right: "content/pages/policy.pdf   (a copy of the file)";
    OUTSIDE_CONTENT = "E106", "A file lies outside the content folders", None,
        text: "Every content file belongs in one of the folders of content/: frameworks, assessments, benchmarks, qms, improvements, coverage or pages. A file directly in content/, or in a folder of another name, is not read, so qmsite says so rather than leave it out silently. Files you keep beside the content on purpose (spreadsheets, notes) can be listed under ignore in qmsite.toml.",
        wrong: "content/register.toml",
        right: "content/improvements/register.toml";
    WRONG_FILE_TYPE = "E107", "A file of the wrong kind in a data folder", None,
        text: "The data folders (frameworks, assessments, benchmarks, qms, improvements, coverage) hold .toml files only. Editor backups, lock files and spreadsheets beside them are skipped on their own; anything else is reported so that a file saved with the wrong ending is not lost. Rename the file to .toml, move it, or list it under ignore in qmsite.toml.",
        wrong: "content/assessments/2026.txt",
        right: "content/assessments/2026.toml\n# or, in qmsite.toml:\nignore = [\"content/assessments/*.txt\"]";
    ACTIVE_ATTACHMENT = "E108", "An attachment a browser would run scripts from", None,
        text: "Files in content/pages/ are published as they are. A browser runs the scripts in an HTML, SVG or XML file when a reader opens it, so such attachments are refused: a copied page could then do anything the reader may do on the intranet. Save diagrams as PNG and documents as PDF.",
        wrong: "content/pages/diagram.svg",
        right: "content/pages/diagram.png";
    CONTENT_MISSING = "E109", "The content folder is missing", None,
        text: "A site keeps its files in a folder called content/ beside qmsite.toml. `qmsite init` creates it with every sub-folder.",
        wrong: "my-site/qmsite.toml\nmy-site/assessments/2026.toml",
        right: "my-site/qmsite.toml\nmy-site/content/assessments/2026.toml";
    SITE_NOT_FOUND = "E110", "No site here", None,
        text: "qmsite looks for qmsite.toml in the current folder and then in each folder above it, as git does. When none of them holds one, you are outside a site: change into the site's folder, name it with --root, or start a new site with `qmsite init`.",
        wrong: "cd ~/Documents && qmsite build",
        right: "cd ~/Documents/it-quality && qmsite build\n# or\nqmsite build --root ~/Documents/it-quality";
    TOML_SYNTAX = "E201", "The file is not valid TOML", None,
        text: "Content files are written in TOML: one `key = value` per line, text in double quotes, tables under [name] headers and lists of tables under [[name]] headers. The message says what qmsite found at the place it points to and what it expected there.",
        wrong: "title = \"Reassessment 2026\nassessor = \"A. Assessor\"",
        right: "title = \"Reassessment 2026\"\nassessor = \"A. Assessor\"";
    DATE_FORMAT = "E202", "A date written the wrong way", None,
        text: "Dates are written year first, as YYYY-MM-DD, and without quotes: TOML then reads them as dates rather than text. 31/12/2026, 12/31/2026 and 31.12.2026 are not dates to TOML, and \"2026-12-31\" in quotes is text.",
        wrong: "date = 31/12/2026\ndue = \"2027-06-30\"",
        right: "date = 2026-12-31\ndue = 2027-06-30";
    TYPOGRAPHIC_QUOTES = "E203", "Typographic quotes instead of straight quotes", None,
        text: "Word processors turn \" into “ and ” as you type. TOML only reads the straight double quote \" (and the straight single quote ') as quotes; text pasted from Word or Outlook often brings the curly ones along. Retype the quotes in a plain text editor.",
        wrong: "title = “Reassessment 2026”",
        right: "title = \"Reassessment 2026\"";
    UNIT_AFTER_NUMBER = "E204", "A unit written after a number", None,
        text: "A number is written alone: no currency, percent sign, unit or thousands separator after it. The currency of cost figures has a key of its own, and the unit of scores is set once in the framework.",
        wrong: "per_user = 4800 EUR\npercent_of_revenue = 2.1 %",
        right: "per_user = 4800\npercent_of_revenue = 2.1\ncurrency = \"EUR\"";
    INVISIBLE_CHARACTER = "E205", "An invisible character", None,
        text: "Text copied from web pages, PDFs or office documents can carry characters that look like nothing or like a space: a no-break space (U+00A0), a zero-width space (U+200B), a soft hyphen (U+00AD) and others. TOML does not accept them between keys and values, and in ids or references they make two equal-looking words differ. The message names the character by its code point; delete it and type a plain space if one is needed.",
        wrong: "owner\u{a0}= \"Service owner\"   (a no-break space after owner)",
        right: "owner = \"Service owner\"";
    DEFINED_TWICE = "E206", "A table or key defined twice", None,
        text: "Each key may be set once per table, and each [table] header may appear once per file. When there is meant to be more than one (one rating per dimension, one improvement per entry), the header takes double brackets: every [[rating]] starts a new entry of the list.",
        wrong: "[rating]\ndimension = \"D1.1\"\n\n[rating]\ndimension = \"D1.2\"",
        right: "[[rating]]\ndimension = \"D1.1\"\n\n[[rating]]\ndimension = \"D1.2\"";
    UNQUOTED_TEXT = "E207", "Text without quotes", None,
        text: "Text values are written in double quotes. Only numbers, true and false, dates and lists or tables go without quotes.",
        wrong: "owner = Service desk lead",
        right: "owner = \"Service desk lead\"";
    NO_SUCH_DATE = "E208", "A date that does not exist", None,
        text: "The date is written correctly but no such day exists in the calendar, such as 30 February or month 13.",
        wrong: "date = 2026-02-30",
        right: "date = 2026-02-28";
    FRONT_MATTER = "E209", "A page without front matter, or front matter not closed", None,
        text: "A narrative page starts with its front matter: a line holding only +++, the page's keys (title, weight, summary, draft, report), and another line holding only +++. The Markdown text follows. Without the closing line, qmsite cannot tell where the keys end and the text begins.",
        wrong: "+++\ntitle = \"Findings\"\n\n## Strengths",
        right: "+++\ntitle = \"Findings\"\n+++\n\n## Strengths";
    TOO_DEEP = "E210", "Lists or tables nested too deeply", None,
        text: "qmsite's files nest lists and tables a few levels deep at most. A file nested hundreds of levels deep is not a content file, and reading it could exhaust memory, so it is refused.",
        wrong: "x = [[[[[[[[[[[[ … ]]]]]]]]]]]]",
        right: "clauses = [\"8.5.1\", \"8.6.1\"]";
    UNKNOWN_KEY = "E301", "A key the file kind does not have", None,
        text: "Every table accepts exactly the keys qmsite knows, so that a misspelt key is not ignored silently (a misspelt weight would otherwise leave the default weight in place). The message names the nearest key and lists the keys of the table.",
        wrong: "[[rating]]\ndimension = \"D1.1\"\nlevle = \"managed\"",
        right: "[[rating]]\ndimension = \"D1.1\"\nlevel = \"managed\"";
    MISSING_KEY = "E302", "A required key is missing", None,
        text: "Some keys have no sensible default, such as an improvement's owner or an assessment's date. The message names the key, says what it holds and shows how it is written.",
        wrong: "[[improvement]]\nid = \"IMP-001\"\ntitle = \"Publish the service catalogue\"",
        right: "[[improvement]]\nid = \"IMP-001\"\ntitle = \"Publish the service catalogue\"\nowner = \"Service level manager\"\n…";
    WRONG_TYPE = "E303", "A value of the wrong kind", None,
        text: "Each key takes one kind of value: text in quotes, a whole number, a number, true or false, a date, a list in [ ] or a table. Numbers are written without quotes, text with them.",
        wrong: "weight = \"3\"\ntitle = 2026",
        right: "weight = 3\ntitle = \"2026\"";
    NOT_ALLOWED = "E304", "A value that is not one of the allowed values", None,
        text: "Keys such as status, priority, part, direction, source and level take one of a fixed set of values, written exactly as listed: lower case with hyphens, except the 10.2 part (A, B, C) and the size (S, M, L, XL).",
        wrong: "status = \"in progress\"\npriority = \"High\"",
        right: "status = \"in-progress\"\npriority = \"high\"";
    TABLE_OR_LIST = "E305", "A single [table] where a list of [[tables]] is meant, or the reverse", None,
        text: "A header in single brackets, [name], is one table; a header in double brackets, [[name]], adds one entry to a list of tables and may be repeated. Ratings, scale levels, domains, dimensions, peers, components, improvements and clauses are lists: each entry starts with [[name]]. rollup and group are single tables.",
        wrong: "[rating]\ndimension = \"D1.1\"\n\n[[rollup]]\nindex = \"domains\"",
        right: "[[rating]]\ndimension = \"D1.1\"\n\n[rollup]\nindex = \"domains\"";
    LIST_OF_TABLES = "E306", "A plain list where a list of tables is expected", None,
        text: "Some lists hold small tables rather than plain values: evidence is a list of links, each with a title and an optional url. Write each entry in braces with its keys.",
        wrong: "evidence = [\"pages/policy.pdf\"]",
        right: "evidence = [{ title = \"Service policy\", url = \"pages/policy.pdf\" }]";
    OUT_OF_RANGE = "E307", "A number outside its allowed range", None,
        text: "Numbers have documented ranges so that every figure stays meaningful and no sum can overflow: weights from 0 to 1000, QMS levels from 0 to 5, review_months from 1 to 120, percentages from 0 to 100, years from 1900 to 2199. The message gives the range of the key.",
        wrong: "current_level = 7",
        right: "current_level = 4";
    NOT_FINITE = "E308", "A number that is not finite", None,
        text: "TOML can write nan (not a number) and inf (infinity), but neither is a figure a reader can use: an index computed from them would print as NaN. Every number in qmsite's files must be an ordinary, finite number.",
        wrong: "cost_per_user = nan",
        right: "cost_per_user = 5200";
    INVALID_ID = "E309", "An id that cannot be used", None,
        text: "Ids become file names and parts of web addresses, so they are 1 to 64 characters long, made of ASCII letters, digits, '.', '-' and '_', and start with a letter or a digit. Spaces, accents and other signs are not allowed.",
        wrong: "id = \"IMP 001 (draft)\"",
        right: "id = \"IMP-001\"";
    TOO_FEW = "E310", "Too few entries in a list", None,
        text: "Some lists need a minimum number of entries: a framework needs at least two scale levels, one domain and one dimension.",
        wrong: "[[scale]]\nid = \"only\"\nlabel = \"Only level\"\nvalue = 1",
        right: "[[scale]]\nid = \"low\"\nlabel = \"Low\"\nvalue = 0\n\n[[scale]]\nid = \"high\"\nlabel = \"High\"\nvalue = 100";
    DATE_WITH_TIME = "E311", "A date with a time or a time zone", None,
        text: "qmsite's dates are calendar days. A time of day or a time zone offset after the date is not used and is refused, so that a date means the same day everywhere.",
        wrong: "date = 2026-03-31T09:00:00+02:00",
        right: "date = 2026-03-31";
    YEAR_OUT_OF_RANGE = "E312", "A year outside 1900 to 2199", None,
        text: "Years are accepted from 1900 to 2199. A year outside that range is a typing mistake (20026, 0226), and keeping dates in range means that every date computed from them (the next assessment, a review due) exists.",
        wrong: "date = 9997-03-31",
        right: "date = 2026-03-31";
    UNSAFE_URL = "E313", "An address readers' browsers must not follow", None,
        text: "Evidence and link addresses are published as links. Only http:, https:, mailto: and tel: addresses, absolute paths (/qms/policy.pdf) and paths inside the published site (pages/policy.pdf) are accepted. Other schemes, such as javascript:, data:, file: or a drive letter (C:), could run a script or point to a reader's own disk.",
        wrong: "evidence = [{ title = \"Policy\", url = \"file:///C:/Policies/policy.pdf\" }]",
        right: "evidence = [{ title = \"Policy\", url = \"pages/policy.pdf\" }]";
    EMPTY_TEXT = "E314", "Text that must not be empty", None,
        text: "A few texts are shown where an empty one would leave a hole a reader cannot use, such as the title of a link.",
        wrong: "evidence = [{ title = \"\", url = \"pages/policy.pdf\" }]",
        right: "evidence = [{ title = \"Service policy\", url = \"pages/policy.pdf\" }]";
    DUPLICATE_ID = "E401", "An id used twice", None,
        text: "Ids must be unique among ids of the same kind, ignoring letter case: ids become file names, and IMP-001 and imp-001 would be one file on Windows and macOS. Scale levels, domains and dimensions must be unique within their framework, peers within their benchmark, everything else across the site.",
        wrong: "[[improvement]]\nid = \"IMP-001\"\n…\n[[improvement]]\nid = \"imp-001\"",
        right: "[[improvement]]\nid = \"IMP-001\"\n…\n[[improvement]]\nid = \"IMP-002\"";
    UNKNOWN_REFERENCE = "E402", "A reference to something that is not defined", None,
        text: "A reference names a framework, dimension, scale level, domain, assessment, QMS component or clause by its id, exactly as that id is written where it is defined. The message gives the nearest id first and then the ids that exist.",
        wrong: "[[rating]]\ndimension = \"d1.1\"\nlevel = \"Managed\"",
        right: "[[rating]]\ndimension = \"D1.1\"\nlevel = \"managed\"";
    UNKNOWN_CLAUSE = "E403", "A clause number that ISO/IEC 20000-1:2018 does not have", None,
        text: "Coverage entries, improvements and QMS components name clauses of ISO/IEC 20000-1:2018 by number, at any level of the standard: a top-level clause (8), a section (8.5), a clause (8.5.1) or one of its parts (8.5.1.1). The number must be one of qmsite's built-in catalogue; the message lists the clauses beside where the number would be. Coverage is counted on the clauses that hold requirements (4.1 … 7.6, 8.1, 8.2.1 … 8.7.3, 9.1 … 10.2): rate those, or rate their parts and let the clause take the lowest level of its parts.",
        wrong: "[[clause]]\nclause = \"8.6.1.1\"   (8.6.1 has no parts)\nlevel = \"defined\"",
        right: "[[clause]]\nclause = \"8.6.1\"\nlevel = \"defined\"";
    DUPLICATE_ENTRY = "E404", "The same thing listed twice", None,
        text: "A dimension is rated once per assessment and a clause covered once across the coverage files; a second entry would contradict the first.",
        wrong: "[[rating]]\ndimension = \"D1.1\"\nlevel = \"defined\"\n\n[[rating]]\ndimension = \"D1.1\"\nlevel = \"managed\"",
        right: "[[rating]]\ndimension = \"D1.1\"\nlevel = \"managed\"";
    SCALE_ORDER = "E405", "Scale levels not in increasing order", None,
        text: "Scale levels are listed lowest first, and each level's value is above the one before it. The values may be spaced unevenly (a non-linear scale), but never equal or falling.",
        wrong: "[[scale]]\nid = \"managed\"\nvalue = 80\n\n[[scale]]\nid = \"defined\"\nvalue = 50",
        right: "[[scale]]\nid = \"defined\"\nvalue = 50\n\n[[scale]]\nid = \"managed\"\nvalue = 80";
    DUE_BEFORE_RAISED = "E406", "A due date before the date raised", None,
        text: "An improvement cannot be due before it was raised. One of the two dates is mistyped.",
        wrong: "raised = 2026-05-02\ndue = 2026-01-31",
        right: "raised = 2026-05-02\ndue = 2027-01-31";
    DATE_IN_FUTURE = "E407", "A date after the build date", None,
        text: "Dates that record what happened (an improvement raised, a QMS review held) cannot lie after the build date: today, or the date given with --today. Rebuilding an old state of the site? Give its date with --today.",
        wrong: "raised = 2099-01-01",
        right: "raised = 2026-03-02";
    DIRECTION_MISMATCH = "E408", "A direction that does not fit the levels", None,
        text: "A QMS component's direction says where its level is meant to go: \"raise\" needs a target above the current level, \"keep\" equal levels, \"lower\" a target below (a deliberate reduction).",
        wrong: "current_level = 3\ntarget_level = 2\ndirection = \"raise\"",
        right: "current_level = 3\ntarget_level = 2\ndirection = \"lower\"";
    EMPTY_DOMAIN = "E409", "A domain without dimensions", None,
        text: "Every domain of a framework needs at least one dimension: a domain without any can never have a score. Name the domain in a dimension's domain key, or remove it.",
        wrong: "[[domain]]\nid = \"D7\"\nname = \"Spare\"",
        right: "[[dimension]]\nid = \"D7.1\"\ndomain = \"D7\"\nname = \"…\"";
    NO_FRAMEWORK = "E410", "No framework is defined", None,
        text: "Everything in a site is measured against a framework: its domains, dimensions and scale. Put at least one framework file in content/frameworks/; `qmsite init` writes an example one to start from.",
        wrong: "content/frameworks/   (empty)",
        right: "content/frameworks/framework.toml";
    NO_STRINGS = "E411", "No theme strings for the language", None,
        text: "Every word the pages show comes from the theme's string table for the site's language. The built-in theme has English (en), Czech (cs) and German (de); for another language, copy its i18n/en.toml to themes/default/i18n/<language>.toml in the site and translate it.",
        wrong: "language = \"sk\"   (without themes/default/i18n/sk.toml)",
        right: "language = \"sk\"   (with themes/default/i18n/sk.toml)";
    THEME_MISSING = "E412", "The theme has no folder", None,
        text: "theme = \"name\" takes the theme's files from themes/<name>/ in the site, falling back to the built-in theme for any file it does not have. The folder must exist; leave theme out (or write \"default\") to use the built-in theme alone.",
        wrong: "theme = \"corporate\"   (without themes/corporate/)",
        right: "theme = \"default\"";
    OUTPUT_DIR = "E413", "An output folder qmsite must not replace", None,
        text: "A build replaces its output folder whole, so the output folder must be a folder of its own: not the site, not one of its parents, the home folder or the file-system root, and not inside content/, themes/ or .git/. qmsite also refuses to replace a folder it did not write.",
        wrong: "output_dir = \".\"",
        right: "output_dir = \"output\"";
    PEER_OUTSIDE_SCALE = "E414", "A peer score outside the framework's scale", None,
        text: "Peer scores are on the same scale as our own: between the lowest and the highest value of the framework's scale. A score outside it was taken from another framework or mistyped.",
        wrong: "index = 230   (with a scale from 0 to 100)",
        right: "index = 23";
    BAD_CONFIG = "E415", "A setting of qmsite.toml that cannot be used", None,
        text: "A value in qmsite.toml is well formed but cannot be used: an ignore pattern that is not a valid glob, a brand colour that is not a #rrggbb colour, or a brand file that does not exist in the site.",
        wrong: "[brand]\naccent = \"blue-ish\"\nlogo = \"logo.png\"   (no such file)",
        right: "[brand]\naccent = \"#1f5fa8\"\nlogo = \"themes/brand/logo.png\"";
    TRANSLATION = "E416", "A translation that does not match its file", None,
        text: "A translation sits beside the file it translates, named after it with the language before the ending (content/frameworks/itqi.cs.toml translates itqi.toml; content/pages/findings.cs.md translates findings.md), for a language listed under languages in qmsite.toml. A TOML translation holds the same keys as its file, but only the texts that readers see: names, titles, descriptions, notes, labels. Ids, numbers, dates, levels and statuses stay in the file itself. An entry of a list of tables ([[dimension]], [[improvement]]…) is matched by its id; entries without ids are matched by their order. A narrative's translation is a whole page whose front matter gives its title (and summary); its weight, menu, report and draft are the original's.",
        wrong: "# itqi.cs.toml\n[[dimension]]\nid = \"GOV-1\"\nweight = 2\nname = \"Strategie IT\"",
        right: "# itqi.cs.toml\n[[dimension]]\nid = \"GOV-1\"\nname = \"Strategie IT\"";
    EDITION = "E417", "An edition that cannot be built", None,
        text: "Each [[editions]] of qmsite.toml is an audience edition of the site: the same report with some internal text left out. Its name is typed on the command line (qmsite build --edition stakeholders) and names its output folder, so it is made of small letters, digits and hyphens, and no two editions share a name or an output folder. leave_out lists what the edition leaves out: assessor-notes, justifications, owners, internal. The first edition is the default one and goes to output_dir; another goes to its own output_dir, or to <output_dir>-<name>.",
        wrong: "[[editions]]\nname = \"For the Board\"\ntitle = \"For the board\"\nleave_out = [\"notes\"]\n\n[[editions]]\nname = \"internal\"\ntitle = \"Internal\"\n\n[[editions]]\nname = \"internal\"\ntitle = \"Internal (copy)\"",
        right: "[[editions]]\nname = \"internal\"\ntitle = \"Internal\"\n\n[[editions]]\nname = \"board\"\ntitle = \"For the board\"\nleave_out = [\"assessor-notes\", \"justifications\"]";
    PAGE_NAME = "E501", "A page name that cannot be a web address", None,
        text: "Page files and their folders become web addresses, so their names are made of letters, digits, '-', '_' and '.', and start with a letter or a digit. Two pages whose names differ only in letter case would be one file on some systems.",
        wrong: "content/pages/Our findings (final).md",
        right: "content/pages/findings.md";
    BROKEN_LINK = "E502", "A link to a page, file or anchor the site does not have", None,
        text: "Every relative link on every page is followed when the site is built: it must lead to a page or file the build writes, and an #anchor to an id on that page. Anchors of headings are their text in lower case with hyphens; the message names the nearest one.",
        wrong: "[the register](improvements.html#IMP-001)",
        right: "[the register](improvements.html#imp-001)";
    TEMPLATE = "E503", "A theme template that does not work", None,
        text: "A template of the site's theme does not parse, or uses a value qmsite does not give it. Compare it with the same template of the built-in theme, or remove the site's copy to use the built-in one.",
        wrong: "{{ site.titel }}",
        right: "{{ site.title }}";
    OUTPUT_WRITE = "E504", "The output could not be written", None,
        text: "The new site could not be written to the output folder (the disk is full, the folder belongs to another user, or it holds files qmsite did not write). The previous output is left as it was.",
        wrong: "output_dir = \"/var/www\"   (a folder written by another program)",
        right: "output_dir = \"output\"";
    CHART_DRAW = "E505", "A chart that could not be drawn", None,
        text: "Every chart is drawn to SVG when the site is built, by the ECharts library built into qmsite. A chart that fails to draw (the engine stopped it for taking too long or too much memory, or it drew something other than a drawing) stops the build at the page that shows it, and nothing is written. It is a fault of qmsite, not of the content: report it with the page and chart the message names.",
        wrong: "error: improvements.html: chart improvements.html#chart-roadmap: took longer than 20 s",
        right: "(a qmsite that draws the chart; meanwhile, leave the improvement that triggers it out)";
    SMALL_GROUP = "W601", "A small peer group", Some("{n} benchmarks have comparison groups of fewer than 5 peers"),
        text: "Statistics over fewer than five peers say little; qmsite shows them marked as indicative and warns, rather than hiding them. Widen the group filter or add peers.",
        wrong: "[group]\nsectors = [\"water\"]   (4 peers)",
        right: "[group]\nsectors = [\"water\", \"energy\"]   (12 peers)";
    OVERDUE = "W602", "An overdue action", Some("{n} improvements are overdue"),
        text: "An improvement that is still open (not done, not rejected) is past its due date on the build date. Update its status, or agree a new due date.",
        wrong: "due = 2026-01-31\nstatus = \"in-progress\"   (built on 2026-03-01)",
        right: "due = 2026-06-30\nstatus = \"in-progress\"";
    REVIEW_OVERDUE = "W603", "A QMS review overdue", Some("{n} QMS components are past their review date"),
        text: "A QMS component's last review plus its review_months lies before the build date. Review it and record the date in last_review.",
        wrong: "last_review = 2023-01-10\nreview_months = 12",
        right: "last_review = 2026-01-12\nreview_months = 12";
    NEVER_REVIEWED = "W604", "A QMS component never reviewed", Some("{n} QMS components have never been reviewed"),
        text: "A QMS component without last_review has never been reviewed. Record the date of its last review.",
        wrong: "[[component]]\nid = \"QMS-01\"\n…   (no last_review)",
        right: "[[component]]\nid = \"QMS-01\"\n…\nlast_review = 2026-02-15";
    COVERAGE_MISSING = "W605", "Clauses without coverage", Some("{n} coverage warnings"),
        text: "Coverage files exist but some counted clauses have no level: neither an entry of their own nor entries for all of their parts. They are shown as not assessed, or as partly assessed when some parts have a level. Add an entry for each, with level = \"not-addressed\" where nothing is in place yet.",
        wrong: "(no [[clause]] entry for 9.4)",
        right: "[[clause]]\nclause = \"9.4\"\nlevel = \"not-addressed\"";
    EMPTY_REQUIRED = "W606", "Required text left empty", Some("{n} required texts are empty"),
        text: "A key readers rely on is present but empty: an assessment's assessor, an improvement's owner or raised_by, a QMS component's owner. The site builds, but a reader cannot tell who is accountable.",
        wrong: "owner = \"\"",
        right: "owner = \"Head of service desk\"";
    PLACEHOLDER = "W607", "Placeholder text", Some("{n} pages still hold placeholder text"),
        text: "A published page still holds placeholder text such as \"_Write this page._\", TODO or TBD. Write the page, or keep it out of the site with draft = true in its front matter until it is written.",
        wrong: "+++\ntitle = \"Findings\"\n+++\n_Write this page._",
        right: "+++\ntitle = \"Findings\"\n+++\nService delivery is in the top quartile…";
    STRINGS_MISSING = "W608", "Theme strings missing", Some("{n} string tables lack keys"),
        text: "The site's string table (themes/<theme>/i18n/<language>.toml) lacks some keys of the built-in English table. Pages show the English text for those keys until they are translated.",
        wrong: "skip_to_content missing from themes/default/i18n/cs.toml",
        right: "skip_to_content = \"Přejít na obsah\"";
    COVERAGE_OVERSTATED = "W609", "A clause rated above its parts", Some("{n} clauses are rated above their parts"),
        text: "A clause is covered only as far as its weakest part, so an entry that rates a clause above one of its sub-clauses overstates it; the pages show the lower level. Lower the clause's entry, or raise the part once it has caught up.",
        wrong: "clause = \"8.5.1\"\nlevel = \"conforming\"\n…\nclause = \"8.5.1.2\"\nlevel = \"initial\"",
        right: "clause = \"8.5.1\"\nlevel = \"initial\"\n…\nclause = \"8.5.1.2\"\nlevel = \"initial\"";
    UNTRANSLATED = "W610", "Texts shown in the default language", Some("{n} languages have untranslated texts"),
        text: "A site built in several languages shows a text in its default language when no translation of it is given: a narrative without its name.<language>.md, a name or note missing from a file's name.<language>.toml. A narrative shown in the default language is marked with that language, so browsers, screen readers and hyphenation read it right. Add the translations, or accept the fallback.",
        wrong: "content/pages/findings.md   (no findings.cs.md, with languages = [\"cs\"])",
        right: "content/pages/findings.md\ncontent/pages/findings.cs.md";
}
