/**
 * Buttons that hand a song or a collection to the `play` command. This is the contract with it,
 * kept in one place: `play` handles `song {id}` and `collection {type, id}`.
 */
import type { ActionRef } from '../reply.ts';

export type CollectionType = 'album' | 'artist' | 'playlist' | 'toplist';

export function playSongAction(id: number): ActionRef {
  return { command: 'play', name: 'song', args: { id } };
}

export function playCollectionAction(type: CollectionType, id: number): ActionRef {
  return { command: 'play', name: 'collection', args: { type, id } };
}
