import { useRouter, type RouteLocationRaw } from 'vue-router';

/**
 * Moving on after a save or a delete (to the created item, back to the list) happens only if the person is still
 * on the screen that started it: a tab tapped while the request was on its way wins, instead of being undone when
 * the answer arrives.
 */
export function useMoveOn() {
  const router = useRouter();
  return function fromHere() {
    const started = router.currentRoute.value.fullPath;
    return async (to: RouteLocationRaw) => {
      if (router.currentRoute.value.fullPath === started) await router.push(to);
    };
  };
}
