// Poll a background run until it finishes, then reload the page to show its results.
(function () {
  "use strict";
  const status = document.getElementById("run-status");
  const id = status.dataset.run;
  async function poll() {
    const resp = await fetch("/api/runs/" + id, { credentials: "same-origin" });
    if (!resp.ok) return;
    const run = await resp.json();
    status.textContent = run.status;
    document.getElementById("run-progress").value = run.progress;
    document.getElementById("run-stage").textContent = run.stage;
    if (run.status === "done" || run.status === "failed") { window.location.reload(); return; }
    setTimeout(poll, 500);
  }
  setTimeout(poll, 300);
})();
