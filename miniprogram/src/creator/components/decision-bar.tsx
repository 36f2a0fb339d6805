import { Button, Input, View } from '@tarojs/components';

interface Props {
  note: string;
  placeholder: string;
  maxLength: number;
  busy: boolean;
  rejectText: string;
  approveText: string;
  onNote: (note: string) => void;
  onDecide: (approve: boolean) => void;
}

/** The note box and the reject / approve buttons under an item waiting for a decision. */
export function DecisionBar(p: Props) {
  return (
    <>
      <Input className='form__input' value={p.note} placeholder={p.placeholder} maxlength={p.maxLength} onInput={(e) => p.onNote(e.detail.value)} />
      <View className='order__actions'>
        <Button className='btn btn--ghost btn--small' disabled={p.busy} onClick={() => p.onDecide(false)}>
          {p.rejectText}
        </Button>
        <Button className='btn btn--primary btn--small' disabled={p.busy} onClick={() => p.onDecide(true)}>
          {p.approveText}
        </Button>
      </View>
    </>
  );
}
