// make bench only, added by tests/bench as the FIRST content script of the
// measured copy of the extension: the moment the browser starts running the
// extension's content scripts (document_idle) is the zero of "content script
// ready". Never part of dist/.
"use strict";
performance.mark("pg-bench:script-start");
