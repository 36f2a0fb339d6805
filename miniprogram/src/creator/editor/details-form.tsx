import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo } from '../../services/feedback';
import type { Category } from '../../services/types';
import { fenFromInput } from '../lib/format';
import type { CourseInput } from '../services/types';
import { ChipChoice } from '../components/chip-choice';

const t = consoleText.editor;

interface Props {
  initial: { name: string; description: string; priceFen: number; categoryId: number | null };
  categories: Category[];
  busy: boolean;
  submitLabel: string;
  /** Only the fields that changed (all of them for a new course). */
  onSave: (changes: Partial<CourseInput>) => void;
}

/** Name, description, price and category; checks them before anything is sent. */
export function DetailsForm({ initial, categories, busy, submitLabel, onSave }: Props) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [price, setPrice] = useState(initial.priceFen ? (initial.priceFen / 100).toFixed(2) : '0');
  const [categoryId, setCategoryId] = useState<number | null>(initial.categoryId);

  const save = () => {
    if (!name.trim()) return toastInfo(t.needName);
    if (!description.trim()) return toastInfo(t.needDescription);
    if (categoryId === null) return toastInfo(t.needCategory);
    const priceFen = fenFromInput(price);
    if (priceFen === null) return toastInfo(t.badPrice);
    const changes: Partial<CourseInput> = {};
    if (name.trim() !== initial.name) changes.name = name.trim();
    if (description.trim() !== initial.description) changes.description = description.trim();
    if (priceFen !== initial.priceFen) changes.price = priceFen / 100;
    if (categoryId !== initial.categoryId) changes.category = categoryId;
    onSave(changes);
  };

  return (
    <View className='form'>
      <Text className='form__label'>{t.name}</Text>
      <Input className='form__input' name='name' value={name} placeholder={t.namePlaceholder} maxlength={100} onInput={(e) => setName(e.detail.value)} />
      <Text className='form__label'>{t.description}</Text>
      <Textarea className='textarea textarea--short' value={description} placeholder={t.descriptionPlaceholder} maxlength={5000} onInput={(e) => setDescription(e.detail.value)} />
      <Text className='form__label'>{t.price}</Text>
      <Input className='form__input' name='price' type='digit' value={price} onInput={(e) => setPrice(e.detail.value)} />
      <Text className='form__label'>{t.category}</Text>
      <ChipChoice
        options={categories.map((c) => c.id)}
        isOn={(id) => id === categoryId}
        label={(id) => categories.find((c) => c.id === id)?.name ?? ''}
        onPick={setCategoryId}
        dataName='category'
      />
      <Button className='btn btn--primary btn--block' disabled={busy} onClick={save}>
        {busy ? t.saving : submitLabel}
      </Button>
    </View>
  );
}
