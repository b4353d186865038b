// Status bar wording, pure so it is unit-tested without an editor.

/** The `mentor/status` notification the server sends when the level or the model changes. */
export interface StatusParams {
  level: string | null;
  model: {
    state: string;
    name?: string | null;
    progress?: number | null;
    message?: string | null;
    install?: { model: string; size: number } | null; // no model yet: what an install would add
  } | null;
  gettingToKnow?: boolean; // too little evidence for a level yet (the report's first session)
}

/** Status bar text and tooltip for a status notification (pure, unit-tested). */
export function describe(params: StatusParams): { text: string; tooltip: string } {
  const model = params.model;
  if (model?.state === "loading") {
    const percent = typeof model.progress === "number" ? ` ${Math.round(model.progress)}%` : "";
    return {
      text: `$(loading~spin) Mentor: loading model${percent}`,
      tooltip: model.message ?? `Loading ${model.name ?? "the model"}`,
    };
  }
  if (params.gettingToKnow) {
    return {
      text: "$(mortar-board) Mentor: getting to know you",
      tooltip: `Mentor shows your level once it has seen more of your Python (over more than one sitting). ${tutorText(model)}. Click to see what you did so far.`,
    };
  }
  const level = params.level ? capitalise(params.level) : "ready";
  return { text: `$(mortar-board) Mentor: ${level}`, tooltip: `Your level: ${level}. ${tutorText(model)}. Click to see your progress.` };
}

function tutorText(model: StatusParams["model"]): string {
  return model === null
    ? "Tutor switched off"
    : model.state === "ready"
      ? `Tutor: ${model.name ?? "ready"}`
      : model.state === "failed"
        ? `Tutor unavailable: ${model.message ?? "the model did not load"}`
        : model.install
          ? "No tutor model yet: Mentor uses its own explanations (Mentor: Install the tutor model)"
          : `Tutor: ${model.name ?? "the model"} (loads when first asked)`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
