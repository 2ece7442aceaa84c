// The Python environment of the tests: scripts/python-env.ts builds it (pinned, from
// test/python/requirements.txt, once, under a lock), because `npm run serve` and the bench need the same
// one; tests import it from here like every other helper.
export { generatedPythonProject, pythonEnv, pythonRequirementsFile, type PythonEnv } from "../../scripts/python-env.js";
