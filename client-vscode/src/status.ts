// The status bar item: model loading progress first, then the learner's overall level.
import * as vscode from "vscode";
import { describe, type StatusParams } from "./statusText";

export type { StatusParams };

export class MentorStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("mentor.status", vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = "Mentor";
    this.item.command = "mentor.showReport";
    this.item.text = "$(loading~spin) Mentor";
    this.item.tooltip = "Mentor is starting";
    this.item.show();
  }

  update(params: StatusParams): void {
    const { text, tooltip } = describe(params);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = undefined;
    this.item.command = "mentor.showReport";
  }

  showProblem(text: string): void {
    this.item.text = `$(warning) ${text}`;
    this.item.tooltip = "Click to see the server log";
    this.item.command = "mentor.showLog";
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.warningBackground");
  }

  dispose(): void {
    this.item.dispose();
  }
}
