import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { consoleText } from '../../i18n/zh-CN.console';
import { toggleChoice } from '../../services/quiz';
import { linesOf, QUESTION_KINDS, type QuestionForm } from '../lib/quiz-draft';
import { ChipChoice } from '../components/chip-choice';

const t = consoleText.quizzes;

/** One question of the quiz form: its kind, prompt, what the kind needs for an answer, points and explanation. */
export function QuestionEditor({ index, question: q, onChange, onRemove }: { index: number; question: QuestionForm; onChange: (patch: Partial<QuestionForm>) => void; onRemove?: () => void }) {
  const options = linesOf(q.options);
  return (
    <View className='work quiz-question-edit' data-question-index={index}>
      <View className='card__title'>
        <Text>{t.question(index + 1)}</Text>
        {onRemove && (
          <Text className='icon-btn icon-btn--danger' onClick={onRemove}>
            {t.removeQuestion}
          </Text>
        )}
      </View>
      <ChipChoice options={QUESTION_KINDS} isOn={(kind) => q.kind === kind} label={(kind) => t.kinds[kind]} onPick={(kind) => onChange({ kind })} dataName='kind' />
      <Input className='form__input' value={q.prompt} maxlength={2000} placeholder={t.promptPlaceholder} onInput={(e) => onChange({ prompt: e.detail.value })} />
      {(q.kind === 'single' || q.kind === 'multiple') && (
        <Textarea className='textarea textarea--short' value={q.options} placeholder={t.optionsPlaceholder} onInput={(e) => onChange({ options: e.detail.value })} />
      )}
      {q.kind === 'single' && (
        <Picker mode='selector' range={options} value={q.answer} onChange={(e) => onChange({ answer: Number(e.detail.value) })}>
          <View className='form__input form__picker'>{`${t.answer}：${options[q.answer] ?? ''}`}</View>
        </Picker>
      )}
      {q.kind === 'multiple' && (
        <View className='chips chips--wrap'>
          <Text className='chips__label'>{t.answers}</Text>
          {options.map((option, i) => (
            <Text key={i} className={`chip chip--small${q.choices.includes(i) ? ' chip--on' : ''}`} onClick={() => onChange({ choices: toggleChoice(q.choices, i) })}>
              {option}
            </Text>
          ))}
        </View>
      )}
      {q.kind === 'true_false' && (
        <View className='chips chips--wrap'>
          <Text className={`chip${q.truth ? ' chip--on' : ''}`} onClick={() => onChange({ truth: true })}>
            {t.yes}
          </Text>
          <Text className={`chip${!q.truth ? ' chip--on' : ''}`} onClick={() => onChange({ truth: false })}>
            {t.no}
          </Text>
        </View>
      )}
      {q.kind === 'fill_in' && (
        <Textarea className='textarea textarea--short quiz-question-edit__accepted' value={q.accepted} placeholder={t.acceptedPlaceholder} onInput={(e) => onChange({ accepted: e.detail.value })} />
      )}
      {q.kind === 'short_answer' && <Text className='muted small block'>{t.shortAnswerHint}</Text>}
      <View className='form__row'>
        <View className='form__col'>
          <Text className='form__label'>{t.points}</Text>
          <Input className='form__input' type='number' value={q.points} onInput={(e) => onChange({ points: e.detail.value })} />
        </View>
      </View>
      <Input className='form__input' value={q.explanation} maxlength={2000} placeholder={t.explanationPlaceholder} onInput={(e) => onChange({ explanation: e.detail.value })} />
    </View>
  );
}
