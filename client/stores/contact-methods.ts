import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ContactMethod, CreateContactMethodInput } from '../../shared/api/contact-methods';
import { contactMethodsApi } from '../api/contact-methods';

/**
 * The signed-in person's contact methods, read by the list that manages them and by the notification rules,
 * which may only name verified ones: a method added or verified in one shows up in the other at once.
 */
export const useContactMethodsStore = defineStore('contact-methods', () => {
  /** `null` until the first answer. */
  const items = ref<ContactMethod[] | null>(null);
  const verified = computed(() => (items.value ?? []).filter((method) => method.verified));

  async function load(): Promise<void> {
    items.value = await contactMethodsApi.list();
  }

  /** Settings opening: what an earlier visit left may be stale, or another person's who signed out since. */
  async function open(): Promise<void> {
    items.value = null;
    await load();
  }

  function replace(method: ContactMethod): void {
    items.value = (items.value ?? []).map((known) => (known.id === method.id ? method : known));
  }

  async function add(input: CreateContactMethodInput): Promise<ContactMethod> {
    const method = await contactMethodsApi.create(input);
    items.value = [...(items.value ?? []), method];
    return method;
  }

  async function verify(id: string, code: string): Promise<void> {
    replace(await contactMethodsApi.verify(id, code));
  }

  async function remove(id: string): Promise<void> {
    await contactMethodsApi.remove(id);
    items.value = (items.value ?? []).filter((method) => method.id !== id);
  }

  return { items, verified, open, load, add, verify, remove };
});
