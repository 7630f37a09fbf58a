import type { Askable } from './model-label'

/** One option per model the person can ask; the value is the model's place in `choices`. */
export function TargetOptions({ choices }: { choices: Askable[] }) {
  return choices.map((choice, index) => (
    <option key={choice.text} value={index}>
      {choice.text}
    </option>
  ))
}
