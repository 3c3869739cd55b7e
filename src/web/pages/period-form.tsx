// The period chooser: a plain GET form, so it works without JavaScript and the URL can be shared.
import type { Period } from '../../core/scorecard/period';
import { periodText } from '../../core/scorecard/format';

export const PERIOD_CHOICES = ['week', 'last-week', 'month', 'last-month', 'quarter', 'last-quarter', 'year'] as const;

export function PeriodForm(props: { action: string; period: Period; chosen: string; hidden?: Record<string, string> }) {
  return (
    <form class="period" method="get" action={props.action}>
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="period">Period</label>
      <select id="period" name="period">
        {PERIOD_CHOICES.map((choice) => (
          <option value={choice} selected={choice === props.chosen}>
            {choice.replace('-', ' ')}
          </option>
        ))}
      </select>
      <button type="submit">Show</button>
      <p class="period-text">{periodText(props.period)}</p>
    </form>
  );
}
