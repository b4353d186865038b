// Write the server's settings (from `mentor settings`) into package.json's contributed
// configuration, keeping the extension's own settings. A pytest test checks they agree.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const mentor = process.env.MENTOR ?? join(root, "..", ".venv", "bin", "mentor");
const { settings } = JSON.parse(execFileSync(mentor, ["settings"], { encoding: "utf-8" }));

/** Settings only the extension reads. */
const EXTENSION_SETTINGS = {
  "mentor.interpreter": {
    type: "string",
    default: "",
    scope: "machine-overridable",
    markdownDescription:
      "The Python that runs Mentor. Empty: the Python extension's active interpreter, else `python3`. " +
      "Run **Mentor: Choose the Python interpreter** to pick one from a list. Ignored in an untrusted workspace.",
    order: 0,
  },
};

const properties = { ...EXTENSION_SETTINGS };
settings.forEach((setting, index) => {
  const property = {
    type: setting.type,
    default: setting.default,
    scope: setting.scope,
    markdownDescription: setting.description,
    order: index + 1,
  };
  const choices = Object.entries(setting.choices ?? {});
  if (choices.length > 0) {
    property.enum = choices.map(([value]) => value);
    property.enumDescriptions = choices.map(([, description]) => description);
  }
  if (setting.type === "array") property.items = { type: "string" };
  if (setting.minimum !== null && setting.minimum !== undefined) property.minimum = setting.minimum;
  if (setting.maximum !== null && setting.maximum !== undefined) property.maximum = setting.maximum;
  properties[setting.key] = property;
});

const manifestPath = join(root, "package.json");
const manifest = JSON.parse(readFileSync(manifestPath, "utf-8"));
manifest.contributes.configuration.properties = properties;
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
console.log(`package.json: ${Object.keys(properties).length} settings`);
