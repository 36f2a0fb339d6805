/** The console uploads through the app's one uploader (learners' works use it too). */
export { uploadWithProgress } from '../../services/upload';
