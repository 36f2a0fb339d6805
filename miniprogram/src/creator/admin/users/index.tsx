import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/state-view';
import { usePagedList } from '../../../hooks/use-paged-list';
import { consoleText } from '../../../i18n/zh-CN.console';
import { toastError, toastOk } from '../../../services/feedback';
import { ConsolePage } from '../../components/console-page';
import { chinaDay } from '../../lib/dates';
import { consoleApi } from '../../services/console-api';
import type { AdminUser } from '../../services/types';
import { ChipChoice } from '../../components/chip-choice';

const t = consoleText.users;
const ROLES = ['learner', 'creator', 'admin'] as const;

/** Users by name, email or phone, filtered by role; an admin changes others' roles (audited by the API). */
export default function Users() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState({ q: '', role: '' });
  const list = usePagedList(() => consoleApi.users(query.q, query.role || undefined), [query.q, query.role]);
  const [changed, setChanged] = useState<Record<number, AdminUser>>({});

  const setRole = async (user: AdminUser, role: string) => {
    if (role === user.role) return;
    try {
      const next = await consoleApi.setRole(user.id, role);
      setChanged((m) => ({ ...m, [next.id]: next }));
      toastOk(t.changed);
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <ConsolePage role='admin' title={consoleText.nav.users} current='adminUsers'>
      {(me) => (
        <>
          <View className='card'>
            <View className='inline-form'>
              <Input className='form__input inline-form__input' value={q} placeholder={t.searchPlaceholder} confirmType='search' onInput={(e) => setQ(e.detail.value)} onConfirm={() => setQuery({ ...query, q: q.trim() })} />
              <Button className='btn btn--primary btn--small' onClick={() => setQuery({ ...query, q: q.trim() })}>
                {t.search}
              </Button>
            </View>
            <ChipChoice options={['', ...ROLES]} isOn={(r) => query.role === r} label={(r) => (r ? t.roles[r] : t.allRoles)} onPick={(r) => setQuery({ ...query, role: r })} />
          </View>
          <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
            <View className='console-grid'>
              {list.items.map((u0) => {
                const u = changed[u0.id] ?? u0;
                return (
                  <View key={u.id} className='card user-row' data-user-id={u.id}>
                    <View className='order__head'>
                      <Text className='order__name'>{`${u.display_name} @${u.username}`}</Text>
                      <Text className='tag' data-role={u.role}>
                        {t.roles[u.role]}
                      </Text>
                    </View>
                    <View className='order__meta'>
                      <Text className='muted small'>{t.registered(chinaDay(new Date(u.registered_at)))}</Text>
                      {u.id !== me.id && (
                        <Picker mode='selector' range={ROLES.map((r) => t.roles[r] ?? r)} value={ROLES.indexOf(u.role)} onChange={(e) => void setRole(u, ROLES[Number(e.detail.value)]!)}>
                          <Text className='link'>{t.changeRole}</Text>
                        </Picker>
                      )}
                    </View>
                  </View>
                );
              })}
            </View>
          </StateView>
        </>
      )}
    </ConsolePage>
  );
}
