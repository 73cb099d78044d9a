"""Command line: thin click commands over the library.

Library errors (:class:`~stance.errors.StanceError`) become one line on
stderr and exit code 2 here, in one place; anything unexpected is exit 1.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import logging
import os
import sys
import textwrap
from pathlib import Path
from typing import Any, Iterable, Optional

import click

from . import __version__, progress
from .errors import StanceError

log = logging.getLogger("stance")

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe
FORMATS = ("table", "json", "jsonl", "csv")


class BadInput(click.ClickException):
    """A StanceError shown as ``stance: <message>`` with exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(f"stance: {self.format_message()}", err=True)


class StanceGroup(click.Group):
    """Maps library errors to exit 2 and unexpected ones to a one-line exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StanceError as exc:
            raise BadInput(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `stance score ... | head`: the reader left; stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # the edge: never a traceback for users
            if log.isEnabledFor(logging.DEBUG):
                raise
            click.echo(f"stance: internal error: {type(exc).__name__}: {exc} (run with -v for details)", err=True)
            ctx.exit(EXIT_INTERNAL)


class ModelHolder:
    """Loads the analyzer on first use, so ``--help`` and ``quotes`` never load a model."""

    def __init__(self, path: Optional[str]):
        self.path = path
        self._analyzer = None

    @property
    def analyzer(self):
        if self._analyzer is None:
            from .analyzer import Analyzer

            self._analyzer = Analyzer.load(self.path)
        return self._analyzer


def _show_version(ctx, param, value) -> None:
    """``--version``; imports the model module (scikit-learn) only when asked."""
    if not value or ctx.resilient_parsing:
        return
    from .model import FORMAT_VERSION

    click.echo(f"stance {__version__} (model format {FORMAT_VERSION})")
    ctx.exit()


@click.group(cls=StanceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--model", "model_path", envvar="STANCE_MODEL", metavar="PATH",
              help="Model file (default: $STANCE_MODEL, then the installed default model).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress and show tracebacks on stderr.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
@click.pass_context
def cli(ctx, model_path, verbose):
    """Who said what in news articles, and where they stand."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="stance: %(message)s")
    ctx.obj = ModelHolder(model_path)
    ctx.with_resource(progress.showing(sys.stderr))  # a bar only when stderr is a terminal


model_option = click.option("--model", "model_path", metavar="PATH", default=None,
                            help="Model file (overrides the group's --model).")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="Output format.")
encoding_option = click.option("--encoding", default="utf-8", show_default=True,
                               help="Encoding of the input files.")
quiet_option = click.option("-q", "--quiet", is_flag=True, expose_value=False,
                            callback=lambda ctx, param, value: progress.hide() if value else None,
                            help="No progress bar (one is drawn on stderr only when it is a terminal).")


def _holder(ctx, model_path) -> ModelHolder:
    return ModelHolder(model_path) if model_path else ctx.obj


def _articles(files: Iterable[str], encoding: str):
    """Yield (name, text) per input; report a bad one on stderr and remember the failure."""
    from .articles import check_article, decode_article, read_article

    ctx = click.get_current_context()
    for name in files:
        try:
            if name == "-":
                text = decode_article(sys.stdin.buffer.read(), encoding=encoding, name="-")
            else:
                text = read_article(name, encoding=encoding)
            check_article(text, name=name)
        except StanceError as exc:
            click.echo(f"stance: {exc}", err=True)
            ctx.meta["stance.failed"] = True
            continue
        yield name, text


def _tracked(results, files) -> list:
    """All results, with a progress bar over the files when there are several."""
    return list(progress.track(results, label="articles", length=len(files)) if len(files) > 1 else results)


def _finish(ctx) -> None:
    if ctx.meta.get("stance.failed"):
        ctx.exit(EXIT_BAD_INPUT)


@cli.command()
@quiet_option
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@click.option("--topic", "topics", multiple=True, metavar="T",
              help="Score every statement on topic T (repeatable) instead of predicting its topic.")
@model_option
@format_option
@encoding_option
@click.pass_context
def score(ctx, files, topics, model_path, fmt, encoding):
    """Find attributed statements and score their topic and stance."""
    analyzer = _holder(ctx, model_path).analyzer
    names, texts = itertools.tee(_articles(files, encoding))
    results = _tracked(analyzer.iter_analyze((text for _, text in texts), articles=(name for name, _ in names),
                                             topics=topics or None), files)
    _write_results(results, fmt, single=len(files) == 1)
    _finish(ctx)


@cli.command()
@quiet_option
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@format_option
@encoding_option
@click.pass_context
def quotes(ctx, files, fmt, encoding):
    """Find attributed statements only (who said what); no model needed."""
    from .analyzer import attribute

    results = _tracked((attribute(text, article=name) for name, text in _articles(files, encoding)), files)
    _write_results(results, fmt, single=len(files) == 1)
    _finish(ctx)


@cli.command()
@quiet_option
@click.argument("csv_files", nargs=-1, required=True, metavar="CSV...")
@click.option("-o", "--output", default="models/stance.joblib", show_default=True, metavar="FILE",
              help="Where to write the model (replaced atomically, only on success).")
@click.option("--text-column", default="text", show_default=True, help="Column holding the statement.")
@click.option("--topic-column", default="topic", show_default=True,
              help="Column holding the topic ('target' is accepted when 'topic' is absent).")
@click.option("--stance-column", default="stance", show_default=True, help="Column holding the stance label.")
@click.option("--group-column", default=None, help="Keep rows with the same value in one cross-validation fold.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(min=0),
              help="Cross-validation folds for the scores stored with the model (0 or 1 to skip).")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option("--tune", "do_tune", is_flag=True,
              help="Cross-validated search over n-gram ranges, C, class weights and stance heads "
                   "(uses 2 cores; minutes, not seconds) before training.")
@click.option("--name", default=None, help="Model name stored in its metadata.")
@encoding_option
def train(csv_files, output, text_column, topic_column, stance_column, group_column, folds, seed, do_tune, name,
          encoding):
    """Train a topic and stance model from labeled CSVs (text, topic, stance).

    Cross-validation picks per-topic stance heads or one joint head and
    calibrates the probabilities; both scores are stored in the model.
    """
    from .outputs import check_output_path
    from .training import train as train_model

    check_output_path(output)  # a bad -o fails now, not after minutes of training
    say = lambda message: click.echo(message, err=True)  # noqa: E731
    _, meta = train_model(csv_files, output, text_column=text_column, topic_column=topic_column,
                          stance_column=stance_column, group_column=group_column, encoding=encoding,
                          folds=folds, seed=seed, name=name, do_tune=do_tune, log=say)
    say(f"wrote {output}: {meta['rows']} rows, topics {', '.join(meta['topics'])}")
    cv = meta["cv"]
    if cv:
        heads = ", ".join(f"{h} F_avg {s['f_avg']:.4f}" for h, s in cv["heads"].items())
        say(f"{cv['folds']}-fold cross-validation: stance head {cv['stance_head']} ({heads})")
        topic = f"topic macro-F1 {cv['topic']['macro_f1']:.4f}, " if "topic" in cv else ""
        cal = cv["stance"]["calibration"]
        say(f"  {topic}stance macro-F1 {cv['stance']['macro_f1']:.4f}, F_avg {cv['stance']['f_avg']:.4f}; "
            f"ECE {cal['raw']['ece']:.4f} -> {cal['temperature_scaled']['ece']:.4f} after temperature scaling")


@cli.command()
@click.argument("input_file", metavar="FILE.csv|-")
@click.option("--text-column", default="text", show_default=True, help="Column holding the statement.")
@click.option("--topic-column", default=None, help="Take the topic from this column instead of predicting it.")
@click.option("-o", "--output", default="-", metavar="FILE.csv",
              help="Output CSV (default stdout); a file is replaced atomically, only on success.")
@model_option
@encoding_option
@click.pass_context
def classify(ctx, input_file, text_column, topic_column, output, model_path, encoding):
    """Add predicted topic and stance columns to a CSV of statements."""
    from .articles import decode_article, read_article
    from .data import read_statement_rows
    from .outputs import check_output_path, write_atomic

    if output != "-":
        check_output_path(output)
    raw = (decode_article(sys.stdin.buffer.read(), encoding=encoding, name="-")
           if input_file == "-" else read_article(input_file, encoding=encoding))
    header, rows = read_statement_rows(raw, name=input_file, text_column=text_column, topic_column=topic_column)
    analyzer = _holder(ctx, model_path).analyzer
    if topic_column:  # one batch per topic, not one call per row
        results: list = [None] * len(rows)
        by_topic: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            by_topic.setdefault((row[topic_column] or "").strip(), []).append(i)
        for topic, idx in by_topic.items():
            for i, res in zip(idx, analyzer.classify([rows[i][text_column] for i in idx], topic=topic)):
                results[i] = res
    else:
        results = analyzer.classify([row[text_column] for row in rows])
    labels = analyzer.model.classes_
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header + ["predicted_topic", "predicted_stance", "topic_probability"]
                            + [f"p_{c}" for c in labels], lineterminator="\n")
    writer.writeheader()
    for row, res in zip(rows, results):
        probs = res.probabilities or {}
        writer.writerow({**row, "predicted_topic": res.topic, "predicted_stance": res.stance,
                         "topic_probability": _num(res.topic_probability),
                         **{f"p_{c}": _num(probs.get(c)) for c in labels}})
    if output == "-":
        sys.stdout.write(out.getvalue())
    else:
        write_atomic(output, out.getvalue())


@cli.command()
@quiet_option
@click.argument("gold", metavar="GOLD.csv|GOLD.jsonl|GOLD.json")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--scope", type=click.Choice(["speech", "direct", "source", "all"]), default="speech",
              show_default=True, help="Attribution gold: which gold attributions count.")
@click.option("--errors", "errors_file", default=None, metavar="FILE",
              help="Attribution gold: write every miss and false alarm with its sentence here.")
@click.option("--text-column", default="text", show_default=True)
@click.option("--topic-column", default="topic", show_default=True)
@click.option("--stance-column", default="stance", show_default=True)
@click.option("--cv", "cv_folds", type=click.IntRange(min=2), default=None, metavar="K",
              help="Labeled CSV, no model needed: K-fold cross-validate default training on GOLD instead.")
@click.option("--group-column", default=None, help="With --cv: keep rows with the same value in one fold.")
@click.option("--seed", default=0, show_default=True, type=int, help="With --cv: the folds' random seed.")
@click.option("--plot", "plot_file", default=None, metavar="FILE.png",
              help="Labeled CSV: draw the confusion matrix and a reliability diagram into FILE.png "
                   "(needs matplotlib: pip install 'stance[plot]').")
@model_option
@encoding_option
@click.pass_context
def evaluate(ctx, gold, fmt, scope, errors_file, text_column, topic_column, stance_column, cv_folds, group_column,
             seed, plot_file, model_path, encoding):
    """Score the model on labeled statements (.csv) or attribution gold (.jsonl, or .json: one article or a list).

    For a CSV: accuracy, macro-F1, SemEval F_avg pooled over topics (and its
    per-topic mean, labelled as such), per-class and per-topic tables, the
    confusion matrix, and Brier score and ECE of the stance probabilities.
    With --cv, the default training is cross-validated on the CSV instead.
    """
    from .outputs import check_output_path, write_atomic

    attribution_gold = gold.endswith((".jsonl", ".json"))
    if (plot_file or cv_folds) and attribution_gold:
        raise click.UsageError("--plot and --cv are for stance; they need a labeled .csv GOLD")
    if group_column and not cv_folds:
        raise click.UsageError("--group-column needs --cv")
    if not attribution_gold and (errors_file is not None or scope != "speech"):
        raise click.UsageError("--scope and --errors apply to attribution gold (.jsonl or .json)")
    for path in (errors_file, plot_file):
        if path:
            check_output_path(path)  # before the work
    if plot_file:
        from .evaluate.plots import require_matplotlib

        require_matplotlib()  # fail before the work when matplotlib is missing
    if attribution_gold:
        from .evaluate.run import evaluate_attribution_file

        errors_out = io.StringIO() if errors_file else None
        report, text = evaluate_attribution_file(gold, scope=scope, errors=errors_out, encoding=encoding,
                                                 load_analyzer=lambda: _holder(ctx, model_path).analyzer)
        if errors_file:
            write_atomic(errors_file, errors_out.getvalue())
    elif cv_folds:
        from .cross_validation import cross_validate_file

        report, text = cross_validate_file(gold, folds=cv_folds, group_column=group_column, text_column=text_column,
                                           topic_column=topic_column, stance_column=stance_column,
                                           encoding=encoding, seed=seed)
    else:
        from .evaluate.run import evaluate_stance_file

        report, text = evaluate_stance_file(_holder(ctx, model_path).analyzer, gold, text_column=text_column,
                                            topic_column=topic_column, stance_column=stance_column,
                                            encoding=encoding)
    if plot_file and "stance" in report:
        from .evaluate.plots import plot_stance_report

        how = f", {cv_folds}-fold cross-validated" if cv_folds else ""
        plot_stance_report(report["stance"], plot_file, title=f"stance on {Path(gold).name}{how}")
        click.echo(f"wrote {plot_file}", err=True)
    click.echo(json.dumps(report, indent=2) if fmt == "json" else text)


@cli.command()
@model_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes, each with its own copy of the model.")
@click.option("--max-body", default=10_000_000, show_default=True, type=click.IntRange(min=1), metavar="BYTES",
              help="Largest request body accepted; larger ones get 413.")
@click.option("--request-budget", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Longest a request may wait and be scored; later ones get 503.")
@click.pass_context
def serve(ctx, model_path, host, port, workers, max_body, request_budget):
    """Serve the model over HTTP: POST /v1/analyze, /v1/classify; GET /v1/model, /healthz; a paste page at /.

    Needs the serve extra: pip install 'stance[serve]'.
    """
    from .service import serve as run_service

    run_service(_holder(ctx, model_path).path, host=host, port=port, workers=workers, max_body=max_body,
                request_budget=request_budget)


@cli.command()
@click.option("--text", default=None, metavar="TEXT", help="Explain the prediction for this statement.")
@click.option("--topic", default=None, metavar="T",
              help="Topic to explain (with --text: score on T instead of the predicted topic).")
@click.option("-n", "--top", "n", default=15, show_default=True, type=click.IntRange(min=1),
              help="How many n-grams to show per label (or per direction with --text).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@model_option
@click.pass_context
def explain(ctx, text, topic, n, fmt, model_path):
    """Show the n-grams the stance model weighs most, per topic and label, or for one statement.

    Features are named by block: word__tariffs is a word n-gram, "char__ tar"
    a character n-gram.
    """
    from .explain import explain_text, format_explanation, format_top_features, top_features

    model = _holder(ctx, model_path).analyzer.model
    if text is not None:
        result: Any = explain_text(model, text, topic=topic, n=n)
        out = format_explanation(result)
    else:
        result = top_features(model, n=n, topics=[topic] if topic else None)
        out = format_top_features(result)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else out, nl=fmt == "json")


dates_option = click.option("--dates", "dates_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                            help="Article dates: a CSV with 'article' and 'date' columns, or JSONL with those keys "
                                 "(articles matched by path, file name or stem).")
by_org_option = click.option("--by-org", is_flag=True,
                             help="Fold people into the organisation their article says they speak for.")


def _analyze_corpus(ctx, files, topics, model_path, encoding):
    """(results, texts) for the readable inputs; bad ones are reported and skipped."""
    named = list(_articles(files, encoding))
    analyzer = _holder(ctx, model_path).analyzer
    results = analyzer.analyze_many([t for _, t in named], topics=topics or None, articles=[n for n, _ in named])
    return results, [t for _, t in named]


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Output format.")
@click.option("--topic", "topics", multiple=True, metavar="T",
              help="Score every statement on topic T (repeatable) instead of predicting its topic.")
@dates_option
@by_org_option
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False), default=None, metavar="FILE.png",
              help="Also draw the speaker x topic grid into FILE.png (pip install 'stance[plot]').")
@model_option
@encoding_option
@click.pass_context
def summarize(ctx, files, fmt, topics, dates_file, by_org, plot_file, model_path, encoding):
    """Who stands where: one row per speaker and topic across the articles.

    Counts (favor / against / none), net position (mean P(favor) - P(against))
    with a 95% bootstrap interval, the articles and dates, and the most
    confident statements (ids article#n, as stance score numbers them).
    """
    from .summary import read_dates, summarize as summarize_results, write_summary

    dates = read_dates(dates_file) if dates_file else None
    if plot_file:
        from .evaluate.plots import require_matplotlib

        require_matplotlib()  # fail before the work when matplotlib is missing
    results, texts = _analyze_corpus(ctx, files, topics, model_path, encoding)
    rows = summarize_results(results, dates=dates, by_org=by_org, texts=texts)
    write_summary(rows, fmt, sys.stdout)
    if plot_file:
        from .summary_plot import plot_summary

        plot_summary(rows, plot_file)
        click.echo(f"wrote {plot_file}", err=True)
    _finish(ctx)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...|-")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), metavar="FILE.html",
              help="Where to write the report (one self-contained HTML file).")
@click.option("--topic", "topics", multiple=True, metavar="T",
              help="Score every statement on topic T (repeatable) instead of predicting its topic.")
@click.option("--title", default="stance report", show_default=True, help="The report's title.")
@dates_option
@by_org_option
@model_option
@encoding_option
@click.pass_context
def report(ctx, files, output, topics, title, dates_file, by_org, model_path, encoding):
    """Write an HTML report: a speaker x topic grid and every article with its statements highlighted.

    One file with inline CSS and JavaScript that makes no network request;
    it reads without JavaScript too (the script adds sorting and filters).
    """
    from .report import render_report
    from .summary import read_dates

    dates = read_dates(dates_file) if dates_file else None
    results, texts = _analyze_corpus(ctx, files, topics, model_path, encoding)
    if not results:
        raise BadInput("no readable article; nothing to report")
    html = render_report(results, texts, dates=dates, by_org=by_org, title=title)
    _write_atomically(output, html)
    click.echo(f"wrote {output}: {len(results)} articles, {sum(len(r.quotes) for r in results)} statements",
               err=True)
    _finish(ctx)


def _write_atomically(path: str, content: str) -> None:
    """Write to a temporary file beside ``path``, then rename: a failed run leaves the old file intact."""
    import tempfile

    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
    except OSError as exc:
        raise BadInput(f"{path}: cannot write ({exc.strerror})") from None
    try:
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the report from whoever it is shared with
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@cli.command()
@click.argument("files", nargs=-1, metavar="ARTICLE...")
@click.option("--topic", required=True, metavar="T",
              help="The topic to label (a new name teaches the model a new topic).")
@click.option("--labels", "labels_path", required=True, type=click.Path(dir_okay=False), metavar="FILE.csv",
              help="Labels file: created if missing, one row appended per answer; a restart resumes it.")
@click.option("--seed-terms", default="", metavar="W1,W2,...",
              help="Comma-separated words of the topic; statements that mention them are asked first "
                   "(without: random order until the first model).")
@click.option("--refit-every", default=25, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Refit the model and rank the statements again after every N answers.")
@click.option("--labeled-by", default=None, metavar="NAME", help="Who is labeling (default: your user name).")
@click.option("--export", "export_path", type=click.Path(dir_okay=False), default=None, metavar="BATCH.csv",
              help="Write the first --n statements to ask about to a CSV to label in a spreadsheet, and exit.")
@click.option("-n", "--n", "batch_size", default=200, show_default=True, type=click.IntRange(min=1),
              help="With --export: how many statements.")
@click.option("--import", "import_paths", multiple=True, type=click.Path(dir_okay=False), metavar="BATCH.csv",
              help="Append the answers of filled batches (repeatable); Cohen's kappa where two overlap.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed (ties in the ranking).")
@encoding_option
def label(files, topic, labels_path, seed_terms, refit_every, labeled_by, export_path, batch_size, import_paths,
          seed, encoding):
    """Label statements of ARTICLE... for topic T, the most useful first, into a labels CSV.

    Keys: f favor, a against, n none (on topic, no side), o off topic,
    s skip, u undo, q quit. Train with: stance train FILE.csv -o model.joblib
    """
    from .data import OTHER_TOPIC
    from .errors import InputError
    from .labeling import ANSWER_KEYS, LabelFile, LabelingSession, find_candidates, import_batches

    topic = topic.strip()
    if not topic or topic == OTHER_TOPIC:
        raise click.BadParameter(f"name the topic to label (not {OTHER_TOPIC!r}, which means off topic)",
                                 param_hint="--topic")
    if import_paths and (files or export_path):
        raise click.UsageError("--import takes no ARTICLE files and no --export")
    if not import_paths and not files:
        raise click.UsageError("name the ARTICLE files to label (or --import filled batches)")
    if "-" in files:
        raise click.UsageError("the answers come from stdin, so articles must be files, not -")
    labels = LabelFile.open(labels_path)
    if labels.recovered:
        click.echo(f"stance: {labels.recovered}", err=True)
    if import_paths:
        report = import_batches(labels, topic, import_paths)
        for a, b, shared, kappa in report.kappas:
            click.echo(f"agreement {a} vs {b}: Cohen's kappa {kappa:.3f} on {shared} shared statements")
        click.echo(f"imported {report.written} answers into {labels_path} ({report.already} already there, "
                   f"{report.unlabeled} rows without a label, {report.conflicts} statements the files disagree on "
                   "left out: settle them in one file and import it again)")
        return
    candidates = find_candidates(_articles(files, encoding))
    if not candidates:
        raise InputError("no attributed statements in the given articles; nothing to label")
    who = labeled_by or _user_name()
    session = LabelingSession(candidates, labels, topic, refit_every=refit_every, labeled_by=who, seed=seed,
                              seed_terms=[t for t in seed_terms.split(",") if t.strip()])
    if export_path:
        from .labeling import write_batch

        batch = session.batch(batch_size)
        write_batch(export_path, batch, [session.guess(c) for c in batch])
        click.echo(f"wrote {len(batch)} statements to {export_path}: fill its 'label' column with f, a, n or o, "
                   f"then: stance label --import {export_path} --topic {topic} --labels {labels_path}")
        return
    click.echo(f"{len(candidates)} statements in {len(files)} file(s); {session.remaining()} not yet labeled "
               f"for {topic!r}")
    while True:
        candidate = session.next()
        if candidate is None:
            click.echo("every statement is labeled or skipped")
            break
        _label_show(session, candidate)
        key = _label_key()
        if key == "q":
            break
        if key == "s":
            session.skip(candidate)
        elif key == "u":
            undone = session.undo()
            click.echo("undone" if undone else "nothing to undo in this session")
        elif key in ANSWER_KEYS:
            if session.answer(candidate, ANSWER_KEYS[key]):
                click.echo("(model refitted; statements ranked again)")
        else:
            click.echo("keys: f favor, a against, n none, o off topic, s skip, u undo, q quit")
    click.echo(f"{session.answered} answer(s) this session; {labels_path}: {_label_counts(session)}")
    click.echo(f"train with: stance train {labels_path} -o models/mine.joblib")
    _finish(click.get_current_context())


def _user_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (getpass raises OSError or KeyError)
        return "unknown"


def _label_counts(session) -> str:
    counts = session.counts()
    text = " · ".join(f"{'off topic' if a == 'other' else a} {counts.get(a, 0)}"
                      for a in ("favor", "against", "none", "other"))
    est = session.estimate
    if est is not None:
        text += (f" · cross-validated macro-F1 {est.macro_f1:.2f} [{est.low:.2f}, {est.high:.2f}] "
                 f"({est.folds}-fold, {est.n} labels)")
    return text


def _label_show(session, c) -> None:
    click.echo("")
    click.echo(f"── {session.topic}: {_label_counts(session)} · {session.remaining()} to go")
    click.echo(f"{c.speaker or '(unknown speaker)'} — {c.cue or '(no cue)'}   [{c.article}:{c.content_span[0]}]")
    if c.before:
        click.echo(textwrap.fill(c.before, 100, initial_indent="  before: ", subsequent_indent="          "))
    click.echo(textwrap.fill(c.text, 100, initial_indent="  » ", subsequent_indent="    "))
    if c.after:
        click.echo(textwrap.fill(c.after, 100, initial_indent="  after:  ", subsequent_indent="          "))
    guess = session.guess(c)
    if guess:
        click.echo("  model's guess: " + ", ".join(f"{'off topic' if a == 'other' else a} {p:.2f}"
                                                    for a, p in guess.items()))
    else:
        click.echo("  model's guess: none yet (it needs two kinds of answers)")
    click.echo("[f]avor [a]gainst [n]one [o]ff topic  [s]kip [u]ndo [q]uit > ", nl=False)


def _label_key() -> str:
    """One key press on a terminal; otherwise one line of stdin (end of input quits)."""
    if sys.stdin.isatty():
        key = click.getchar()
        click.echo(key)
        return key.strip().lower()[:1] or "?"
    line = sys.stdin.readline()
    if not line:
        click.echo("")
        return "q"
    click.echo(line.strip())
    return line.strip().lower()[:1] or "?"


# -- writers (private to the CLI; JSON comes from to_dict) -------------------

def _num(value) -> str:
    return "" if value is None else f"{value:.6g}"


def _write_results(results, fmt: str, *, single: bool) -> None:
    out = sys.stdout
    if fmt == "json":
        docs = [r.to_dict() for r in results]
        payload: Any = docs[0] if single and len(docs) == 1 else docs
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for r in results:
            for q in r.quotes:
                out.write(json.dumps({"article": r.article, **q.to_dict()}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _write_csv(results, out)
    else:
        _write_table(results, out)


def _csv_columns(results) -> list[str]:
    labels: list[str] = []
    for r in results:
        for q in r.quotes:
            for c in q.probabilities or {}:
                if c not in labels:
                    labels.append(c)
    cols = ["article"]
    for name in ("speaker", "speaker_mention", "speaker_span", "cue", "cue_span", "content", "content_span",
                 "kind", "rule", "via", "topic", "stance", "topic_probability"):
        cols += [f"{name[:-5]}_start", f"{name[:-5]}_end"] if name.endswith("_span") else [name]
    return cols + [f"p_{c}" for c in labels]


def _write_csv(results, out) -> None:
    writer = csv.DictWriter(out, fieldnames=_csv_columns(results), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in results:
        for q in r.quotes:
            row = {"article": r.article}
            for key, value in q.to_dict().items():
                if key.endswith("_span"):
                    start, end = value if value else ("", "")
                    row[f"{key[:-5]}_start"], row[f"{key[:-5]}_end"] = start, end
                elif key == "probabilities":
                    row.update({f"p_{c}": _num(p) for c, p in (value or {}).items()})
                elif key == "topic_probability":
                    row[key] = _num(value)
                else:
                    row[key] = "" if value is None else value
            writer.writerow(row)


def _write_table(results, out) -> None:
    width = 100
    for r in results:
        model = f" (model {r.model['name']})" if r.model else ""
        out.write(f"{r.article}: {len(r.quotes)} statement{'s' if len(r.quotes) != 1 else ''}{model}\n")
        for n, q in enumerate(r.quotes, start=1):
            who = q.speaker or "(unknown)"
            if q.speaker_mention and q.speaker_mention != q.speaker:
                who += f' ("{q.speaker_mention}")'
            line = f"{n:>3}. {who} — {q.cue or '(no cue)'}"
            if q.via:
                line += f", via {q.via}"
            line += f"  [{q.kind}, {q.rule}]"
            out.write(line + "\n")
            if q.topic is not None:
                topic = f"{q.topic} {q.topic_probability:.2f}" if q.topic_probability is not None else q.topic
                probs = "  ".join(f"{c} {p:.2f}" for c, p in (q.probabilities or {}).items())
                out.write(f"     topic {topic} · stance {q.stance}" + (f" ({probs})" if probs else "") + "\n")
            for chunk in textwrap.wrap(q.content, width=width - 7) or [""]:
                out.write(f"       {chunk}\n")
        out.write("\n")
